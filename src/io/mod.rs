//! Import and export formats, and packaging the app as one self-contained HTML file.

pub mod bundle;
pub mod export;
