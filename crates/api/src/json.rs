//! A JSON syntax check for `custom_fields` ("Any additional information in
//! json format"), without a JSON library: the widget parses JSON with the
//! browser and should not carry a second parser just to validate.

/// `true` when `text` is exactly one JSON value (RFC 8259), with optional
/// surrounding whitespace.
pub fn is_valid_json(text: &str) -> bool {
    let mut p = Parser { s: text.as_bytes(), i: 0, depth: 0 };
    p.ws();
    p.value() && {
        p.ws();
        p.i == p.s.len()
    }
}

/// Deeper nesting than this is refused instead of risking the stack.
pub const MAX_DEPTH: u32 = 128;

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.s[self.i..].starts_with(word) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> bool {
        match self.peek() {
            Some(b'{') => self.nested(b'}', true),
            Some(b'[') => self.nested(b']', false),
            Some(b'"') => self.string(),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => false,
        }
    }

    fn nested(&mut self, close: u8, object: bool) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return false;
        }
        self.i += 1;
        self.ws();
        if !self.eat(close) {
            loop {
                if object {
                    if !self.string() {
                        return false;
                    }
                    self.ws();
                    if !self.eat(b':') {
                        return false;
                    }
                    self.ws();
                }
                if !self.value() {
                    return false;
                }
                self.ws();
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return false;
                }
                self.ws();
            }
        }
        self.depth -= 1;
        true
    }

    fn string(&mut self) -> bool {
        if !self.eat(b'"') {
            return false;
        }
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'"' => return true,
                b'\\' => match self.peek() {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                    Some(b'u') => {
                        let hex = self.s.get(self.i + 1..self.i + 5);
                        if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                            return false;
                        }
                        self.i += 5;
                    }
                    _ => return false,
                },
                0x00..=0x1f => return false,
                _ => {}
            }
        }
        false
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> bool {
        self.eat(b'-');
        if !self.eat(b'0') && self.digits() == 0 {
            return false;
        }
        if self.eat(b'.') && self.digits() == 0 {
            return false;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid_json;

    #[test]
    fn accepts_json() {
        for ok in [
            r#"{"custom_field_1": "value_1", "custom_field_2": "value_2"}"#,
            "{}",
            "[]",
            " [1, -2.5e3, true, false, null, \"\\u00e9\\n\"] ",
            "0",
            "\"text\"",
            r#"{"a":{"b":[{"c":"й"}]}}"#,
        ] {
            assert!(is_valid_json(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            "{",
            "{a: 1}",
            "{'a': 1}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "tru",
            "\"\\x\"",
            "\"unterminated",
            "{} {}",
            "NaN",
            "\"a\nb\"",
        ] {
            assert!(!is_valid_json(bad), "{bad:?}");
        }
        assert!(!is_valid_json(&"[".repeat(1000)));
    }

    #[test]
    fn agrees_with_serde_json_on_a_sample() {
        for s in ["[1,2]", "{\"a\":[]}", "[01]", "-0", "-", "1e+", "{\"a\" 1}", "[\"\\ud83d\\ude00\"]"] {
            assert_eq!(is_valid_json(s), serde_json::from_str::<serde_json::Value>(s).is_ok(), "{s}");
        }
    }
}
