//! The import section of a wasm module: the ES module's glue comes from a
//! second wasm-bindgen run over the same raw wasm as the head script's, and
//! is pointed at the head script's wasm, which holds only while both runs
//! name their imports alike. The build compares them.

use crate::Result;

/// `(module, name)` of every import, in order.
pub fn imports(wasm: &[u8]) -> Result<Vec<(String, String)>> {
    let mut r = Reader { bytes: wasm, at: 0 };
    if r.take(8)? != b"\0asm\x01\0\0\0" {
        return Err("not a wasm module (version 1)".into());
    }
    while r.at < wasm.len() {
        let id = r.byte()?;
        let size = r.leb()? as usize;
        let end = r.at + size;
        if id != 2 {
            r.at = end;
            continue;
        }
        let count = r.leb()?;
        let mut out = Vec::new();
        for _ in 0..count {
            let module = r.name()?;
            let name = r.name()?;
            match r.byte()? {
                0 => drop(r.leb()?),
                1 => {
                    r.byte()?;
                    r.limits()?;
                }
                2 => r.limits()?,
                3 => drop(r.take(2)?),
                4 => {
                    r.byte()?;
                    r.leb()?;
                }
                kind => return Err(format!("unknown import kind {kind}").into()),
            }
            out.push((module, name));
        }
        return Ok(out);
    }
    Ok(Vec::new())
}

/// Fails, naming the first difference, unless `glue_wasm` (the wasm of the
/// run whose glue will be shipped) imports exactly what `shipped` imports.
pub fn same_imports(glue_wasm: &[u8], shipped: &[u8]) -> Result<()> {
    let (ours, theirs) = (imports(glue_wasm)?, imports(shipped)?);
    if ours == theirs {
        return Ok(());
    }
    let differ = ours.iter().zip(&theirs).find(|(a, b)| a != b);
    let which = match differ {
        Some((a, b)) => format!("{}.{} where the shipped wasm has {}.{}", a.0, a.1, b.0, b.1),
        None => format!("{} imports against {}", ours.len(), theirs.len()),
    };
    Err(format!(
        "wasm-bindgen's two runs name the wasm's imports differently ({which}): \
         the ES module's glue cannot load the head script's wasm"
    )
    .into())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at + n).ok_or("the wasm ends early")?;
        self.at += n;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn leb(&mut self) -> Result<u64> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err("a malformed number in the wasm".into());
            }
        }
    }

    fn name(&mut self) -> Result<String> {
        let len = self.leb()? as usize;
        Ok(String::from_utf8_lossy(self.take(len)?).into_owned())
    }

    fn limits(&mut self) -> Result<()> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing `wbg.<name>` (a function) and `env.mem` (a memory).
    fn module(name: &[u8; 3]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // type section: one () -> ()
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        let mut body = vec![2, 3, b'w', b'b', b'g', 3];
        body.extend(name);
        body.extend([0, 0]); // func, type 0
        body.extend([3, b'e', b'n', b'v', 3, b'm', b'e', b'm', 2, 1, 1, 2]); // memory, min 1 max 2
        wasm.push(2);
        wasm.push(body.len() as u8);
        wasm.extend(body);
        wasm
    }

    #[test]
    fn reads_a_function_and_a_memory_import() {
        assert_eq!(imports(&module(b"foo")).unwrap(), [("wbg".into(), "foo".into()), ("env".into(), "mem".into())]);
        assert!(imports(b"not wasm").is_err());
    }

    #[test]
    fn imports_named_otherwise_fail_by_name() {
        assert!(same_imports(&module(b"foo"), &module(b"foo")).is_ok());
        let err = same_imports(&module(b"bar"), &module(b"foo")).unwrap_err().to_string();
        assert!(err.contains("wbg.bar where the shipped wasm has wbg.foo"), "{err}");
    }
}
