//! Which URLs may be followed: the return URLs an invoice carries and the
//! API base a merchant passes. The widget follows nothing else, and the
//! sandbox accepts nothing else, so a setting the sandbox takes is one the
//! widget will honour.

/// `true` for an absolute `http:` or `https:` URL with nothing a browser
/// would strip or reinterpret (spaces, control characters, backslashes).
/// Anything else (`javascript:`, `data:`, relative paths) is never followed.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with('/') && !url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::is_web_url;

    #[test]
    fn only_http_and_https_are_followed() {
        for ok in ["https://shop.example/ok", "http://127.0.0.1:8080/done?x=1", "HTTPS://SHOP.EXAMPLE"] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/",
            "/relative",
            "https:///evil",
            "https:\\\\evil.example",
            "https://",
            "https://shop.example/\nx",
            "httpx://shop.example",
            "vbscript:msgbox",
            "",
        ] {
            assert!(!is_web_url(bad), "{bad:?}");
        }
    }
}
