//! The shipped scripts and declarations are templates in `www/` with
//! placeholders: a line holding a marker such as `/*@types@*/` is replaced by
//! a file, and a token such as `@wasm-file@` by a value. A placeholder that
//! is missing from its template fails the build: a renamed marker must not
//! ship a script without its loader.

use crate::Result;

/// A file put in place of the line that holds `marker`, each of its lines
/// prefixed with `indent`.
pub struct Insert<'a> {
    pub marker: &'a str,
    pub text: &'a str,
    pub indent: &'a str,
}

/// `template` (read from `name`, for messages) with every insert and every
/// `(token, value)` replacement made; each must occur at least once.
pub fn fill(name: &str, template: &str, inserts: &[Insert], tokens: &[(&str, &str)]) -> Result<String> {
    for marker in inserts.iter().map(|i| i.marker).chain(tokens.iter().map(|t| t.0)) {
        if !template.contains(marker) {
            return Err(format!("{name} has no {marker}: the build cannot put its part in place").into());
        }
    }
    let mut out = String::with_capacity(template.len());
    for line in template.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap_or(line);
        if let Some(insert) = inserts.iter().find(|i| line.contains(i.marker)) {
            for inserted in insert.text.split_inclusive('\n') {
                out.push_str(insert.indent);
                out.push_str(inserted.strip_suffix('\n').unwrap_or(inserted));
                out.push('\n');
            }
        } else {
            let mut line = line.to_owned();
            for (token, value) in tokens {
                line = line.replace(token, value);
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_and_tokens() {
        let out = fill(
            "t.js",
            "a\n  /*@x@*/\nb @f@ @f@\nlast",
            &[Insert { marker: "/*@x@*/", text: "one\ntwo\n", indent: "  " }],
            &[("@f@", "v")],
        )
        .unwrap();
        assert_eq!(out, "a\n  one\n  two\nb v v\nlast\n");
    }

    #[test]
    fn a_missing_placeholder_is_named() {
        let err = fill("www/t.js", "a\n", &[], &[("@wasm-file@", "x")]).unwrap_err().to_string();
        assert_eq!(err, "www/t.js has no @wasm-file@: the build cannot put its part in place");
    }
}
