//! Fuzz targets over guanxi's readers of untrusted bytes; see `targets.rs` and the README.
mod targets;
pub use targets::*;
