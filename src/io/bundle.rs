//! Packs the web build into one HTML file that works from `file://`: the wasm-bindgen
//! `no-modules` glue inlined as a classic script, the wasm embedded deflated in base64 and
//! compiled from the browser's own inflating stream (no fetch, no ES module), and a
//! Content-Security-Policy that forbids every network request.

/// The policy: inline scripts and styles, wasm compilation, data/blob images (exports), a
/// worker from a `blob:` URL the page makes (extraction); nothing may be fetched, framed,
/// submitted or connected to.
pub const CSP: &str = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; \
style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; font-src 'none'; \
media-src 'none'; object-src 'none'; frame-src 'none'; worker-src blob:; base-uri 'none'; \
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

/// The boot script: the wasm block's base64 to bytes (natively where the browser can), inflated
/// by the browser (zlib's `deflate`, which every browser with the stream knows) into a
/// `Response` that `wasm_bindgen` compiles as it streams. A browser without
/// `DecompressionStream` gets a message, not a blank page.
const BOOT: &str = r#"(function () {
  function fail(e) {
    document.documentElement.classList.remove('booting');
    var s = document.getElementById('status');
    if (s) { s.textContent = 'guanxi could not start: ' + e; s.className = 'error'; }
    console.error(e);
  }
  try {
    var b64 = document.getElementById('guanxi-wasm').textContent;
    var bytes;
    if (Uint8Array.fromBase64) { bytes = Uint8Array.fromBase64(b64); } else {
      var bin = atob(b64); bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    }
    if (typeof DecompressionStream !== 'function') {
      throw new Error('this browser cannot inflate the embedded code (no DecompressionStream); use a current Chromium, Firefox or Safari');
    }
    // One chunk in, so the whole module is inflated in one task: a stream of many chunks
    // waits for the page's parser between them, and the compiler with it.
    var packed = new ReadableStream({ start: function (c) { c.enqueue(bytes); c.close(); } });
    var code = packed.pipeThrough(new DecompressionStream('deflate'));
    wasm_bindgen({ module_or_path: new Response(code, { headers: { 'Content-Type': 'application/wasm' } }) }).catch(fail);
  } catch (e) { fail(e); }
})();
"#;

/// The id of the script element holding the wasm-bindgen glue, which also starts the
/// extraction worker (with [`WORKER_BOOT`]).
pub const GLUE_BLOCK_ID: &str = "guanxi-glue";

/// The extraction worker's script after the glue: instantiates the module the page sends
/// (compiled already), builds the knowledge from the data blocks' base64, then answers each
/// request (`{seq, request}`) with progress (`{seq, done}`) and its result (`{seq, result}`,
/// the buffer transferred) or an error (`{seq, error}`). See `io::offload` for the bytes.
pub const WORKER_BOOT: &str = r#"
(function () {
  var ready = null;
  self.onmessage = function (e) {
    var m = e.data;
    if (m.module) {
      ready = wasm_bindgen({ module_or_path: m.module }).then(function () {
        wasm_bindgen.guanxi_worker_init(m.assets);
      });
      return;
    }
    (ready || Promise.reject(new Error('the worker was not started'))).then(function () {
      var out = wasm_bindgen.guanxi_worker_extract(new Uint8Array(m.request), function (done) {
        self.postMessage({ seq: m.seq, done: done });
      });
      self.postMessage({ seq: m.seq, result: out.buffer }, [out.buffer]);
    }).catch(function (err) {
      self.postMessage({ seq: m.seq, error: String((err && err.message) || err) });
    });
  };
})();
"#;

/// The page's side of the extraction worker, a function the web layer calls (defined where
/// the browser has workers): `guanxiWorker(module, blockIds, listen)` starts a worker from a `blob:` URL of the glue and
/// [`WORKER_BOOT`], sends it the compiled module and the data blocks' text, and returns
/// `{post(seq, bytes), stop()}` (a request's buffer is transferred); `listen(seq, done,
/// result, error)` hears each message (an error event: only `error`).
pub const WORKER_PAGE: &str = r#"
if (typeof Worker === 'function') window.guanxiWorker = function (module, blockIds, listen) {
  var glue = document.getElementById('guanxi-glue').textContent;
  var url = URL.createObjectURL(new Blob([glue, GUANXI_WORKER_BOOT], { type: 'text/javascript' }));
  var w = new Worker(url);
  w.onmessage = function (e) { var m = e.data || {}; listen(m.seq, m.done, m.result && new Uint8Array(m.result), m.error); };
  w.onerror = function (e) { listen(undefined, undefined, undefined, (e && e.message) || 'the worker stopped'); };
  w.postMessage({ module: module, assets: blockIds.map(function (id) {
    var b = document.getElementById(id); return b ? b.textContent : ''; }) });
  return {
    post: function (seq, bytes) { w.postMessage({ seq: seq, request: bytes.buffer }, [bytes.buffer]); },
    stop: function () { w.terminate(); URL.revokeObjectURL(url); }
  };
};
"#;

/// Builds the single-file page from trunk's `index.html` template, the `no-modules` glue, the
/// optimised wasm and the data blocks the wasm reads after it starts (`(id, bytes)`, e.g. the
/// recogniser). The wasm (deflated) and the data travel as base64 in inert
/// `application/octet-stream` script elements, so the browser's JavaScript parser never sees
/// them; the data blocks come last, so the code starts while the browser is still reading them.
pub fn bundle_html(
    template: &str,
    glue_js: &str,
    wasm: &[u8],
    data: &[(&str, &[u8])],
) -> Result<String, BundleError> {
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
    // Deflated, the code is a third of its size: the browser reads and tokenises 0.8 MB less
    // before the boot script runs, and inflates it natively while compiling (streaming).
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(wasm, 10);
    let mut boot = String::with_capacity(packed.len() * 4 / 3 + glue_js.len() + 4096);
    boot.push_str(&data_block(WASM_BLOCK_ID, &packed));
    boot.push_str(&format!(
        "<script id=\"{GLUE_BLOCK_ID}\">\n{glue}\n</script>\n<script>\n{BOOT}\n\
         var GUANXI_WORKER_BOOT = {worker};\n{WORKER_PAGE}</script>\n",
        worker = serde_json::Value::from(WORKER_BOOT),
        // `</script` inside the glue would end the element early.
        glue = glue_js.replace("</script", "<\\/script"),
    ));
    for (id, bytes) in data {
        boot.push_str(&data_block(id, bytes));
    }
    boot.push_str("</body>");
    let at = html
        .rfind("</body>")
        .ok_or(BundleError::Template("</body>"))?;
    Ok(to_ascii(&format!(
        "{}{}{}",
        &html[..at],
        boot,
        &html[at + "</body>".len()..]
    )))
}

/// The same page in ASCII: every other character escaped the way its context allows
/// (`&#x…;` in markup, `\u…` in scripts, `\… ` in styles). Browsers read an all-ASCII page
/// markedly faster (a few non-ASCII characters among megabytes of base64 make the whole
/// document take the slow decoding path: ~40 ms at start-up, measured).
pub fn to_ascii(html: &str) -> String {
    use std::fmt::Write as _;
    #[derive(Clone, Copy, PartialEq)]
    enum In {
        Markup,
        Script,
        Style,
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut ctx = In::Markup;
    let mut rest = html;
    while !rest.is_empty() {
        // Where the context changes next, and to what.
        let end = |tag: &str| rest.find(tag).map(|i| i + tag.len());
        let (cut, then) = match ctx {
            In::Markup => [("<script", In::Script), ("<style", In::Style)]
                .into_iter()
                .filter_map(|(tag, c)| end(tag).map(|i| (i, c)))
                .min_by_key(|&(i, _)| i)
                .unwrap_or((rest.len(), In::Markup)),
            In::Script => (end("</script").unwrap_or(rest.len()), In::Markup),
            In::Style => (end("</style").unwrap_or(rest.len()), In::Markup),
        };
        let (part, after) = rest.split_at(cut);
        for ch in part.chars() {
            if ch.is_ascii() {
                out.push(ch);
                continue;
            }
            // Writing into a String cannot fail.
            let _ = match ctx {
                In::Markup => write!(out, "&#x{:x};", ch as u32),
                In::Script => ch
                    .encode_utf16(&mut [0; 2])
                    .iter()
                    .try_for_each(|unit| write!(out, "\\u{unit:04x}")),
                In::Style => write!(out, "\\{:x} ", ch as u32),
            };
        }
        rest = after;
        ctx = then;
    }
    out
}

/// The id of the element holding the wasm; content saved into the page (a project) goes
/// before it, so it is parsed before the code starts.
pub const WASM_BLOCK_ID: &str = "guanxi-wasm";

/// An inert element holding `bytes` as base64 (its alphabet cannot close the element).
fn data_block(id: &str, bytes: &[u8]) -> String {
    format!(
        "<script type=\"application/octet-stream\" id=\"{id}\">{}</script>\n",
        base64(bytes)
    )
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

/// The bytes of a base64 `data:` URL (what a canvas's `toDataURL` gives): the base64 after
/// the comma (none: no bytes). `None` when it is not base64.
pub fn decode_data_url(url: &str) -> Option<Vec<u8>> {
    decode_base64(url.split_once(',').map_or("", |(_, b64)| b64))
}

/// Decodes standard base64 (padding optional; ASCII whitespace skipped). `None` on any other
/// character or a dangling single character.
pub fn decode_base64(s: &str) -> Option<Vec<u8>> {
    const BAD: u8 = 0xff;
    const fn table() -> [u8; 256] {
        let mut t = [BAD; 256];
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut i = 0;
        while i < 64 {
            t[alphabet[i] as usize] = i as u8;
            i += 1;
        }
        t
    }
    static T: [u8; 256] = table();
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 3);
    let (mut acc, mut n) = (0u32, 0u8);
    for &c in s.as_bytes() {
        if c == b'=' || c.is_ascii_whitespace() {
            continue;
        }
        let v = T[c as usize];
        if v == BAD {
            return None;
        }
        acc = acc << 6 | v as u32;
        n += 1;
        if n == 4 {
            out.extend_from_slice(&acc.to_be_bytes()[1..]);
            (acc, n) = (0, 0);
        }
    }
    match n {
        0 => {}
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&((acc >> 2) as u16).to_be_bytes()),
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_url_bytes() {
        assert_eq!(
            decode_data_url("data:image/png;base64,AQID"),
            Some(vec![1, 2, 3])
        );
        assert_eq!(decode_data_url("data:,"), Some(vec![]));
        assert_eq!(decode_data_url("nothing"), Some(vec![]));
        assert_eq!(decode_data_url("data:image/png;base64,A!"), None);
    }

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
    fn pages_become_ascii_with_escapes_their_context_understands() {
        let page = "<title>关系</title><style>p::after{content:\"×\"}</style>\
<script>var s = '搜索😀';</script><p title=\"⌘\">关 — 系</p>";
        assert_eq!(
            to_ascii(page),
            "<title>&#x5173;&#x7cfb;</title><style>p::after{content:\"\\d7 \"}</style>\
<script>var s = '\\u641c\\u7d22\\ud83d\\ude00';</script>\
<p title=\"&#x2318;\">&#x5173; &#x2014; &#x7cfb;</p>"
        );
        assert_eq!(to_ascii("plain"), "plain");
    }

    #[test]
    fn base64_decodes_what_it_encodes() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + n) as u8).collect();
            assert_eq!(decode_base64(&base64(&bytes)), Some(bytes.clone()), "{n}");
            let unpadded = base64(&bytes).trim_end_matches('=').to_owned();
            assert_eq!(decode_base64(&unpadded), Some(bytes), "{n}");
        }
        assert_eq!(decode_base64("Zm9v\nYmFy"), Some(b"foobar".to_vec()));
        assert_eq!(decode_base64("Zm9v!"), None);
        assert_eq!(decode_base64("Zm9vY"), None);
    }

    #[test]
    fn bundles_without_module_or_fetch() {
        let t = "<html><head><!-- GUANXI_CSP --><link data-trunk rel=\"rust\" /></head><body><p>x</p></body></html>";
        let data = [("guanxi-asset-a", &b"hello"[..])];
        let out = bundle_html(
            t,
            "var wasm_bindgen = 1; '</script>'",
            b"\0asm\x01\0\0\0",
            &data,
        )
        .unwrap();
        assert!(out.contains("Content-Security-Policy") && out.contains("connect-src 'none'"));
        assert!(!out.contains("data-trunk") && !out.contains("type=\"module\""));
        assert!(out.contains("<\\/script>"));
        assert!(out.ends_with("</body></html>") && out.is_ascii());
        // Order: the wasm block, the glue and boot scripts, then the data the code reads later.
        let open = format!("id=\"{WASM_BLOCK_ID}\">");
        let wasm = out.find(&open).unwrap();
        let b64 = &out[wasm + open.len()..];
        let packed = decode_base64(&b64[..b64.find('<').unwrap()]).unwrap();
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap(),
            b"\0asm\x01\0\0\0"
        );
        assert!(BOOT.contains(&format!("getElementById('{WASM_BLOCK_ID}')")));
        assert!(BOOT.contains("DecompressionStream('deflate')"));
        let boot = out.find("wasm_bindgen({ module_or_path").unwrap();
        let asset = out.find("id=\"guanxi-asset-a\">aGVsbG8=</script>").unwrap();
        assert!(out.find("<p>x</p>").unwrap() < wasm && wasm < boot && boot < asset);
        assert_eq!(
            bundle_html(t, "", b"nope", &[]).unwrap_err(),
            BundleError::NotWasm
        );
        assert!(bundle_html("<html></html>", "", b"\0asm", &[]).is_err());
    }
}
