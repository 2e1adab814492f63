//! Short names for what the wasm and wasm-bindgen's glue call each other
//! by. wasm-bindgen names every import after its Rust item and a 16-digit
//! hash (`__wbg_addEventListener_4e20bd5fac3de092`), and every closure's
//! entry after its whole type path: each name is written twice, once in the
//! wasm's import or export section and once in the glue, and the hashes do
//! not compress. Renamed to `a`, `b`, … in both, the first view is about
//! 5 KB gzip lighter (docs/size.md). Only names the glue holds exactly once
//! are renamed, so a changed wasm-bindgen fails the build instead of
//! shipping a glue that calls what the wasm no longer exports.

use crate::Result;

/// The module wasm-bindgen's `web` glue hands the wasm its imports under.
const GLUE_MODULE: &str = "./getcrypto_bg.js";
/// What it is called instead, in both.
const SHORT_MODULE: &str = "g";
/// The prefix of the exports that run a Rust closure from JavaScript.
const CLOSURE_EXPORT: &str = "wasm_bindgen_";

/// `wasm` and its `glue` with every import the glue provides, their
/// module, and every closure export renamed, both sides alike.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let mut glue = glue.to_owned();
    let mut next = 0usize;
    let mut out = wasm.get(..8).ok_or("the wasm is shorter than its header")?.to_vec();
    let mut sections = Reader { bytes: wasm, at: 8 };
    while !sections.done() {
        let id = sections.byte()?;
        let body = sections.bytes_with_length()?;
        let body = match id {
            2 => rename_imports(body, &mut glue, &mut next)?,
            7 => rename_exports(body, &mut glue, &mut next)?,
            _ => body.to_vec(),
        };
        out.push(id);
        leb(&mut out, body.len());
        out.extend_from_slice(&body);
    }
    let module = format!("\"{GLUE_MODULE}\"");
    rename_once(&mut glue, &module, &format!("{module}: "), &format!("{SHORT_MODULE}: "))?;
    Ok((out, glue))
}

/// The `n`th short name: `a`…`z`, `A`…`Z`, then two letters, and so on;
/// none as long as a name wasm-bindgen gives.
pub fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = String::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()] as char);
        n /= LETTERS.len();
        if n == 0 {
            return name;
        }
    }
}

fn rename_imports(body: &[u8], glue: &mut String, next: &mut usize) -> Result<Vec<u8>> {
    let mut r = Reader { bytes: body, at: 0 };
    let count = r.length()?;
    let mut out = Vec::new();
    leb(&mut out, count);
    let mut renamed = 0;
    for _ in 0..count {
        let module = r.name()?;
        let field = r.name()?;
        let start = r.at;
        r.skip_import_kind()?;
        let kind = &body[start..r.at];
        let field = if module == GLUE_MODULE {
            let short = short_name(*next);
            *next += 1;
            rename_once(glue, field, &format!("{field}:"), &format!("{short}:"))?;
            renamed += 1;
            short
        } else {
            field.to_owned()
        };
        name(&mut out, if module == GLUE_MODULE { SHORT_MODULE } else { module });
        name(&mut out, &field);
        out.extend_from_slice(kind);
    }
    if renamed == 0 {
        return Err(format!("the wasm imports nothing from {GLUE_MODULE}: wasm-bindgen's glue changed").into());
    }
    Ok(out)
}

fn rename_exports(body: &[u8], glue: &mut String, next: &mut usize) -> Result<Vec<u8>> {
    let mut r = Reader { bytes: body, at: 0 };
    let count = r.length()?;
    let mut out = Vec::new();
    leb(&mut out, count);
    for _ in 0..count {
        let field = r.name()?;
        let kind = r.byte()?;
        let index = r.length()?;
        let field = if field.starts_with(CLOSURE_EXPORT) {
            let short = short_name(*next);
            *next += 1;
            // The glue also names a function of its own after the export,
            // which its minifier renames: only the call is the export's.
            rename_once(glue, &format!("wasm.{field}"), &format!("wasm.{field}("), &format!("wasm.{short}("))?;
            short
        } else {
            field.to_owned()
        };
        name(&mut out, &field);
        out.push(kind);
        leb(&mut out, index);
    }
    Ok(out)
}

/// Replaces `from` by `to` where the glue holds `bare` exactly once, as
/// part of `from`.
fn rename_once(glue: &mut String, bare: &str, from: &str, to: &str) -> Result<()> {
    match glue.matches(bare).count() {
        1 if glue.contains(from) => {
            *glue = glue.replacen(from, to, 1);
            Ok(())
        }
        n => Err(format!(
            "wasm-bindgen's glue holds {bare} {n} times, not once as `{from}`: its output changed, so the names cannot be shortened safely"
        )
        .into()),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn byte(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.at).ok_or("the wasm ends in the middle of a section")?;
        self.at += 1;
        Ok(b)
    }

    fn length(&mut self) -> Result<usize> {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let b = self.byte()?;
            value |= usize::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
            shift += 7;
            if shift > 35 {
                return Err("a length in the wasm is too long".into());
            }
        }
    }

    fn bytes_with_length(&mut self) -> Result<&'a [u8]> {
        let len = self.length()?;
        let end =
            self.at.checked_add(len).filter(|&e| e <= self.bytes.len()).ok_or("a section runs past the wasm's end")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<&'a str> {
        Ok(std::str::from_utf8(self.bytes_with_length()?)?)
    }

    fn limits(&mut self) -> Result<()> {
        let flags = self.byte()?;
        self.length()?;
        if flags & 1 == 1 {
            self.length()?;
        }
        Ok(())
    }

    /// Past an import's description: a function's type, a table, a memory
    /// or a global.
    fn skip_import_kind(&mut self) -> Result<()> {
        match self.byte()? {
            0 => {
                self.length()?;
            }
            1 => {
                self.byte()?;
                self.limits()?;
            }
            2 => self.limits()?,
            3 => {
                self.byte()?;
                self.byte()?;
            }
            k => return Err(format!("an import of kind {k}, which this build does not know").into()),
        }
        Ok(())
    }
}

fn leb(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn name(out: &mut Vec<u8>, s: &str) {
    leb(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wasm with one type, two imports (one from the glue, one from
    /// another module) and two exports (a closure's entry and `memory`).
    fn module(glue_module: &str, import: &str, export: &str) -> Vec<u8> {
        let mut w = b"\0asm\x01\0\0\0".to_vec();
        let mut types = vec![1, 0x60, 0, 0];
        w.push(1);
        leb(&mut w, types.len());
        w.append(&mut types);
        let mut imports = vec![2];
        name(&mut imports, glue_module);
        name(&mut imports, import);
        imports.extend([0, 0]);
        name(&mut imports, "./__wasm_split.js");
        name(&mut imports, "__wasm_split_load_payment");
        imports.extend([2, 1, 1, 2]);
        w.push(2);
        leb(&mut w, imports.len());
        w.append(&mut imports);
        let mut exports = vec![2];
        name(&mut exports, export);
        exports.extend([0, 1]);
        name(&mut exports, "memory");
        exports.extend([2, 0]);
        w.push(7);
        leb(&mut w, exports.len());
        w.append(&mut exports);
        w.extend([0, 3, 1, b'x', 9]);
        w
    }

    const IMPORT: &str = "__wbg_addEventListener_4e20bd5fac3de092";
    const EXPORT: &str = "wasm_bindgen_a283___convert__closures_____invoke_______true_";

    fn glue() -> String {
        format!(
            "const import0 = {{\n    {IMPORT}: function(a) {{ a.x(); }},\n}};\nfunction {EXPORT}(a) {{ wasm.{EXPORT}(a); wasm.memory; }}\nconst imports = {{ \"./getcrypto_bg.js\": import0 }};\n"
        )
    }

    #[test]
    fn renames_both_sides_alike_and_keeps_everything_else() {
        let (wasm, glue) = shorten(&module(GLUE_MODULE, IMPORT, EXPORT), &glue()).unwrap();
        assert_eq!(wasm, module("g", "a", "b"));
        assert_eq!(glue, format!("const import0 = {{\n    a: function(a) {{ a.x(); }},\n}};\nfunction {EXPORT}(a) {{ wasm.b(a); wasm.memory; }}\nconst imports = {{ g: import0 }};\n"));
    }

    #[test]
    fn a_name_the_glue_does_not_hold_once_fails_the_build() {
        let twice = format!("{}\n// {IMPORT}\n", glue());
        let err = shorten(&module(GLUE_MODULE, IMPORT, EXPORT), &twice).unwrap_err().to_string();
        assert!(err.contains(IMPORT) && err.contains("2 times"), "{err}");
        let missing = glue().replace(&format!("wasm.{EXPORT}("), "wasm.other(");
        let err = shorten(&module(GLUE_MODULE, IMPORT, EXPORT), &missing).unwrap_err().to_string();
        assert!(err.contains(EXPORT) && err.contains("0 times"), "{err}");
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert!(names.iter().all(|n| n.len() <= 3 && n.chars().all(|c| c.is_ascii_alphabetic())));
        assert_eq!((names[0].as_str(), names[26].as_str(), names[52].as_str()), ("a", "A", "ab"));
    }
}
