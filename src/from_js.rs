//! Reads what the browser's `JSON.parse` made of an answer into the shared
//! wire types, through their serde derives. serde-wasm-bindgen's reader
//! would do the same but ships the wording of every possible type error, and
//! Rust's float printing with it, to payers who never see one: here an
//! answer that does not fit is simply unreadable, and the widget says so.

use getcrypto_api::json::MAX_DEPTH;
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// An answer that does not fit the type it was read as.
#[derive(Debug, PartialEq)]
pub struct Unreadable;

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an answer of the wrong shape")
    }
}

impl std::error::Error for Unreadable {}

// Every way serde words an error ends here, unworded.
impl de::Error for Unreadable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unreadable
    }
    fn invalid_type(_: de::Unexpected, _: &dyn de::Expected) -> Self {
        Unreadable
    }
    fn invalid_value(_: de::Unexpected, _: &dyn de::Expected) -> Self {
        Unreadable
    }
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        Unreadable
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Unreadable
    }
    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Unreadable
    }
    fn missing_field(_: &'static str) -> Self {
        Unreadable
    }
    fn duplicate_field(_: &'static str) -> Self {
        Unreadable
    }
}

/// `value` as a `T`.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, Unreadable> {
    T::deserialize(Value(value, 0))
}

/// Integers up to 2^53 are exact in a double; past that a number is a float.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A value and how many arrays and objects it sits in: an answer nested
/// deeper than [`MAX_DEPTH`] is refused rather than read on a small stack.
struct Value(JsValue, u32);

impl<'de> de::Deserializer<'de> for Value {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        let (v, depth) = (self.0, self.1);
        if v.is_null() || v.is_undefined() {
            visitor.visit_unit()
        } else if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = v.as_f64() {
            // Whole numbers as integers, as serde_json gives them, so that
            // `11` is an amount of 11 and a count is a count.
            if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
                if n >= 0.0 {
                    visitor.visit_u64(n as u64)
                } else {
                    visitor.visit_i64(n as i64)
                }
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(s) = v.as_string() {
            visitor.visit_string(s)
        } else if js_sys::Array::is_array(&v) {
            Value(v, depth).deserialize_seq(visitor)
        } else if v.is_object() {
            Value(v, depth).deserialize_map(visitor)
        } else {
            Err(Unreadable)
        }
    }

    // What each kind of type asks for, it gets or refuses at once, so that a
    // struct's reader is not also compiled for arrays, strings and numbers.

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        let (v, depth) = (self.0, self.1 + 1);
        if !v.is_object() || js_sys::Array::is_array(&v) || depth > MAX_DEPTH {
            return Err(Unreadable);
        }
        let object: &js_sys::Object = v.unchecked_ref();
        let keys = js_sys::Object::keys(object);
        visitor.visit_map(Fields { object: v, keys, next: 0, value: None, depth })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        let depth = self.1 + 1;
        if !js_sys::Array::is_array(&self.0) || depth > MAX_DEPTH {
            return Err(Unreadable);
        }
        visitor.visit_seq(Items { array: self.0.unchecked_into(), next: 0, depth })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        visitor.visit_string(self.0.as_string().ok_or(Unreadable)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        visitor.visit_bool(self.0.as_bool().ok_or(Unreadable)?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct enum ignored_any
    }
}

struct Items {
    array: js_sys::Array,
    next: u32,
    depth: u32,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Unreadable;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Unreadable> {
        if self.next >= self.array.length() {
            return Ok(None);
        }
        let item = self.array.get(self.next);
        self.next += 1;
        seed.deserialize(Value(item, self.depth)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.array.length().saturating_sub(self.next) as usize)
    }
}

struct Fields {
    object: JsValue,
    keys: js_sys::Array,
    next: u32,
    value: Option<JsValue>,
    depth: u32,
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Unreadable;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Unreadable> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        let key = self.keys.get(self.next);
        self.next += 1;
        self.value = Some(js_sys::Reflect::get(&self.object, &key).map_err(|_| Unreadable)?);
        seed.deserialize(Value(key, self.depth)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unreadable> {
        seed.deserialize(Value(self.value.take().ok_or(Unreadable)?, self.depth))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.keys.length().saturating_sub(self.next) as usize)
    }
}
