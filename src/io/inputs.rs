//! The inputs of the command line: files, directories (every `.txt`, `.json` and `.jsonl` file
//! inside, recursively, in sorted order) and `-`, standard input as JSON Lines. Articles are
//! produced one at a time ([`Articles`]): a JSON Lines file or stream is read a line at a time,
//! a page or JSON document one file at a time, so the corpus is never held whole.

use crate::text::corpus::{self, CorpusError, Draft, JsonLines};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The file name endings read from a directory (case-insensitive).
pub const EXTENSIONS: [&str; 3] = ["txt", "json", "jsonl"];

/// One input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input, read as JSON Lines (`-` on the command line).
    Stdin,
    /// A file: a text page, JSON or JSON Lines of articles.
    File(PathBuf),
}

impl Input {
    /// The name errors and articles' default source use: the path as given, or `-`.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Why an input, or an article in it, could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The file or directory could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A directory holding no file guanxi reads.
    #[error("{path}: no .txt, .json or .jsonl file in this directory")]
    EmptyDirectory {
        /// The directory.
        path: String,
    },
    /// The document (or one line of it) is not a corpus guanxi reads.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> InputError + '_ {
    move |source| InputError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn readable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The inputs the arguments name, in order: `-` is standard input, a directory stands for
/// the files inside it it can read (recursively, sorted by path; names starting with `.`
/// and symbolic links to directories are passed over), anything else is a file. Arguments
/// that cannot be used are returned as errors beside the inputs that can.
///
/// # Example
/// ```
/// use guanxi::io::inputs::{expand, Input};
/// let (inputs, errors) = expand(&["-".to_owned(), "/no/such/file.txt".to_owned()]);
/// assert_eq!(inputs, [Input::Stdin, Input::File("/no/such/file.txt".into())]);
/// assert!(errors.is_empty()); // a missing file is reported when it is read
/// ```
pub fn expand(args: &[String]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for a in args {
        if a == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(a);
        if !path.is_dir() {
            inputs.push(Input::File(path));
            continue;
        }
        let mut found = Vec::new();
        match walk(&path, &mut found) {
            Ok(()) if found.is_empty() => {
                errors.push(InputError::EmptyDirectory { path: a.clone() })
            }
            Ok(()) => {
                found.sort();
                inputs.extend(found.into_iter().map(Input::File));
            }
            Err(e) => errors.push(e),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), InputError> {
    for entry in std::fs::read_dir(dir).map_err(io_error(dir))? {
        let entry = entry.map_err(io_error(dir))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(io_error(&path))?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if readable(&path) && (kind.is_file() || path.is_file()) {
            found.push(path);
        }
    }
    Ok(())
}

/// The articles of some inputs, one at a time, in input order. A bad input or line is an
/// `Err` item and reading goes on with what follows.
pub struct Articles<'s> {
    inputs: std::vec::IntoIter<Input>,
    current: Current<'s>,
    stdin: Option<Box<dyn BufRead + 's>>,
}

enum Current<'s> {
    Nothing,
    Drafts(std::vec::IntoIter<Draft>),
    Lines(JsonLines<Box<dyn BufRead + 's>>),
}

impl<'s> Articles<'s> {
    /// Reads `inputs`; standard input, when an input names it, is read from `stdin` (once).
    pub fn new(inputs: Vec<Input>, stdin: Box<dyn BufRead + 's>) -> Articles<'s> {
        Articles {
            inputs: inputs.into_iter(),
            current: Current::Nothing,
            stdin: Some(stdin),
        }
    }

    /// Opens the next input; `Err` when it cannot be read at all.
    fn open(&mut self, input: Input) -> Result<Current<'s>, InputError> {
        let name = input.name();
        match input {
            Input::Stdin => {
                let reader = self.stdin.take().ok_or_else(|| InputError::Io {
                    path: name.clone(),
                    source: std::io::Error::other("standard input is named twice"),
                })?;
                Ok(Current::Lines(JsonLines::new(&name, reader)))
            }
            Input::File(path) => {
                let jsonl = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
                if jsonl {
                    let file = std::fs::File::open(&path).map_err(io_error(&path))?;
                    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
                    // A `.jsonl` file that is not JSON Lines after all (an array, a page) is
                    // read whole, as any other file.
                    let head = reader.fill_buf().map_err(io_error(&path))?;
                    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
                    let first = head.iter().find(|b| !b.is_ascii_whitespace());
                    if first.is_none_or(|&b| b == b'{') {
                        let reader: Box<dyn BufRead + 's> = Box::new(reader);
                        return Ok(Current::Lines(JsonLines::new(&name, reader)));
                    }
                }
                let bytes = std::fs::read(&path).map_err(io_error(&path))?;
                let drafts = corpus::read(&name, &bytes)?;
                Ok(Current::Drafts(drafts.into_iter()))
            }
        }
    }
}

impl Iterator for Articles<'_> {
    type Item = Result<Draft, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let item = match &mut self.current {
                Current::Nothing => None,
                Current::Drafts(ds) => ds.next().map(Ok),
                Current::Lines(ls) => ls.next().map(|r| r.map_err(InputError::from)),
            };
            if let Some(item) = item {
                return Some(item);
            }
            let input = self.inputs.next()?;
            match self.open(input) {
                Ok(c) => self.current = c,
                Err(e) => {
                    self.current = Current::Nothing;
                    return Some(Err(e));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory under the system's temporary directory.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("guanxi-inputs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir); // absent the first time
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn directories_are_read_recursively_in_sorted_order() {
        let dir = scratch("walk");
        std::fs::create_dir_all(dir.join("b/c")).unwrap();
        std::fs::write(dir.join("b/c/z.JSONL"), "{\"text\":\"三\"}\n").unwrap();
        std::fs::write(dir.join("b/a.json"), "[{\"text\":\"二\"}]").unwrap();
        std::fs::write(dir.join("b/b.jsonl"), "\n [{\"text\":\"二点五\"}]").unwrap();
        std::fs::write(dir.join("a.txt"), "一\n").unwrap();
        std::fs::write(dir.join("notes.md"), "no").unwrap();
        std::fs::write(dir.join(".hidden.txt"), "no").unwrap();
        let (inputs, errors) = expand(&[dir.display().to_string()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                i.name()
                    .trim_start_matches(&dir.display().to_string())
                    .to_owned()
            })
            .collect();
        assert_eq!(names, ["/a.txt", "/b/a.json", "/b/b.jsonl", "/b/c/z.JSONL"]);
        let texts: Vec<String> = Articles::new(inputs, Box::new(&b""[..]))
            .map(|d| d.map(|d| d.text).unwrap())
            .collect();
        assert_eq!(texts, ["一", "二", "二点五", "三"]);
        std::fs::create_dir_all(dir.join("empty")).unwrap();
        let (_, errors) = expand(&[dir.join("empty").display().to_string()]);
        assert!(errors[0]
            .to_string()
            .ends_with("empty: no .txt, .json or .jsonl file in this directory"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_files_and_lines_are_errors_and_reading_goes_on() {
        let dir = scratch("bad");
        std::fs::write(
            dir.join("x.jsonl"),
            "{\"text\":\"一\"}\n{\"title\":1}\n\u{0}\n{\"text\":\"二\"}\n",
        )
        .unwrap();
        let inputs = vec![
            Input::File(dir.join("missing.txt")),
            Input::File(dir.join("x.jsonl")),
            Input::Stdin,
            Input::Stdin,
        ];
        let stdin = "{\"text\":\"三\"}\n[1,2]\n".as_bytes();
        let got: Vec<Result<String, String>> = Articles::new(inputs, Box::new(stdin))
            .map(|r| r.map(|d| d.text).map_err(|e| e.to_string()))
            .collect();
        let x = dir.join("x.jsonl").display().to_string();
        assert!(
            got[0].as_ref().is_err_and(|e| e.contains("missing.txt")),
            "{got:?}"
        );
        assert_eq!(got[1], Ok("一".to_owned()));
        assert!(
            got[2]
                .as_ref()
                .is_err_and(|e| e.starts_with(&format!("{x}: line 2:"))),
            "{got:?}"
        );
        assert!(
            got[3]
                .as_ref()
                .is_err_and(|e| e.starts_with(&format!("{x}: line 3: binary"))),
            "{got:?}"
        );
        assert_eq!(got[4], Ok("二".to_owned()));
        assert_eq!(got[5], Ok("三".to_owned()));
        assert!(
            got[6].as_ref().is_err_and(|e| e.starts_with("-: line 2:")),
            "{got:?}"
        );
        assert!(
            got[7].as_ref().is_err_and(|e| e.contains("named twice")),
            "{got:?}"
        );
        assert_eq!(got.len(), 8);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
