//! Writes the wire types as plain JavaScript objects, through their serde
//! derives: the create body (then `JSON.stringify`) and the events' details.
//! Only the shapes those types have: structs, strings, numbers, booleans and
//! options. serde-wasm-bindgen's writer would do the same and ship maps,
//! sequences, big integers and a string cache with it.

use serde::ser::{self, Impossible, Serialize};
use wasm_bindgen::JsValue;

/// A value the writer has no JavaScript form for: a shape the wire types do
/// not use, or an integer a JavaScript number cannot hold exactly.
#[derive(Debug, PartialEq)]
pub struct Unwritable;

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value with no JavaScript form")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unwritable
    }
}

/// `value` as a JavaScript value: an object for a struct, `null` for `None`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Unwritable> {
    value.serialize(Writer)
}

/// The largest integer a JavaScript number holds exactly, 2^53 − 1.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

fn integer(v: f64) -> Result<JsValue, Unwritable> {
    if v.abs() <= MAX_SAFE {
        Ok(JsValue::from_f64(v))
    } else {
        Err(Unwritable)
    }
}

struct Writer;

/// A struct being written: the object and its fields so far.
pub struct Fields(js_sys::Object);

impl ser::SerializeStruct for Fields {
    type Ok = JsValue;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unwritable> {
        let value = value.serialize(Writer)?;
        js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &value).map_err(|_| Unwritable)?;
        Ok(())
    }

    fn end(self) -> Result<JsValue, Unwritable> {
        Ok(self.0.into())
    }
}

impl ser::Serializer for Writer {
    type Ok = JsValue;
    type Error = Unwritable;
    type SerializeSeq = Impossible<JsValue, Unwritable>;
    type SerializeTuple = Impossible<JsValue, Unwritable>;
    type SerializeTupleStruct = Impossible<JsValue, Unwritable>;
    type SerializeTupleVariant = Impossible<JsValue, Unwritable>;
    type SerializeMap = Impossible<JsValue, Unwritable>;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Impossible<JsValue, Unwritable>;

    fn serialize_bool(self, v: bool) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<JsValue, Unwritable> {
        integer(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<JsValue, Unwritable> {
        integer(v as f64)
    }
    fn serialize_f32(self, v: f32) -> Result<JsValue, Unwritable> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<JsValue, Unwritable> {
        // As JSON has it: no NaN or infinity.
        if v.is_finite() {
            Ok(JsValue::from_f64(v))
        } else {
            Err(Unwritable)
        }
    }
    fn serialize_char(self, v: char) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_str(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<JsValue, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_none(self) -> Result<JsValue, Unwritable> {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue, Unwritable> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<JsValue, Unwritable> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<JsValue, Unwritable> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<JsValue, Unwritable> {
        Ok(JsValue::from_str(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<JsValue, Unwritable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<JsValue, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields, Unwritable> {
        Ok(Fields(js_sys::Object::new()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(Unwritable)
    }
}
