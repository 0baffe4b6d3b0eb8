//! Packs the web build into one HTML file that works from `file://`: the wasm-bindgen
//! `no-modules` glue inlined as a classic script, the wasm embedded as base64 and instantiated
//! from bytes (no fetch, no ES module), and a Content-Security-Policy that forbids every network
//! request.

/// The policy: inline scripts and styles, wasm compilation, data/blob images (exports); nothing
/// may be fetched, framed, submitted or connected to.
pub const CSP: &str = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; \
style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; font-src 'none'; \
media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; \
form-action 'none'";

/// Why a bundle could not be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum BundleError {
    /// The template lacks the placeholder or the trunk link to replace.
    #[error("the HTML template has no {0} to replace")]
    Template(&'static str),
    /// The input is not a wasm module.
    #[error("the wasm input does not start with the wasm magic number")]
    NotWasm,
}

const CSP_MARK: &str = "<!-- GUANXI_CSP -->";

/// Builds the single-file page from trunk's `index.html` template, the `no-modules` glue and
/// the optimised wasm.
pub fn bundle_html(template: &str, glue_js: &str, wasm: &[u8]) -> Result<String, BundleError> {
    if !wasm.starts_with(b"\0asm") {
        return Err(BundleError::NotWasm);
    }
    if !template.contains(CSP_MARK) {
        return Err(BundleError::Template("CSP placeholder"));
    }
    let link_start = template
        .find("<link data-trunk")
        .ok_or(BundleError::Template("trunk link"))?;
    let link_end = template[link_start..]
        .find('>')
        .ok_or(BundleError::Template("trunk link end"))?
        + link_start
        + 1;
    let mut html =
        String::with_capacity(template.len() + glue_js.len() + wasm.len() * 4 / 3 + 1024);
    html.push_str(&template[..link_start]);
    html.push_str(&template[link_end..]);
    let html = html.replace(
        CSP_MARK,
        &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"),
    );
    let boot = format!(
        "<script>\n{glue}\n</script>\n<script>\n(function () {{\n  var b64 = \"{b64}\";\n  \
var bytes;\n  if (Uint8Array.fromBase64) {{ bytes = Uint8Array.fromBase64(b64); }} else {{\n    \
var bin = atob(b64); bytes = new Uint8Array(bin.length);\n    \
for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);\n  }}\n  \
wasm_bindgen({{ module_or_path: bytes }}).catch(function (e) {{\n    \
var s = document.getElementById('status');\n    \
if (s) {{ s.textContent = 'guanxi could not start: ' + e; s.className = 'error'; }}\n    \
console.error(e);\n  }});\n}})();\n</script>\n</body>",
        // `</script` inside the glue would end the element early.
        glue = glue_js.replace("</script", "<\\/script"),
        b64 = base64(wasm)
    );
    let at = html
        .rfind("</body>")
        .ok_or(BundleError::Template("</body>"))?;
    Ok(format!(
        "{}{}{}",
        &html[..at],
        boot,
        &html[at + "</body>".len()..]
    ))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn bundles_without_module_or_fetch() {
        let t = "<html><head><!-- GUANXI_CSP --><link data-trunk rel=\"rust\" /></head><body><p>x</p></body></html>";
        let out = bundle_html(t, "var wasm_bindgen = 1; '</script>'", b"\0asm\x01\0\0\0").unwrap();
        assert!(out.contains("Content-Security-Policy") && out.contains("connect-src 'none'"));
        assert!(!out.contains("data-trunk") && !out.contains("type=\"module\""));
        assert!(out.contains("<\\/script>") && out.contains("AGFzbQEAAAA="));
        assert!(out.ends_with("</body></html>"));
        assert_eq!(
            bundle_html(t, "", b"nope").unwrap_err(),
            BundleError::NotWasm
        );
        assert!(bundle_html("<html></html>", "", b"\0asm").is_err());
    }
}
