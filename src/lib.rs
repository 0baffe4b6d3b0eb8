//! guanxi (关系, "connections"): an offline knowledge-graph explorer for Chinese news.
//!
//! The crate is a pure core with two thin front ends. Dependencies point down this list:
//! - [`model`]: ids (`EntityId`, `ArticleId`, `RelationId`), entities, relations, evidence —
//!   the `extract` JSON schema — their stable ids, and corrections by hand
//!   ([`model::curation`]) replayed on an extraction. Uses nothing of the crate.
//! - [`text`]: page → articles, the learned recogniser plus rules, aliases, relations, all
//!   reading one [`text::Knowledge`] value (gazetteer, lexicon, recogniser) that the host
//!   builds once and passes in: no global state. Uses `model`.
//! - [`graph`]: the `petgraph` graph and its queries (neighbourhood, paths, ranking), and
//!   [`graph::analysis`]: the path with evidence, communities, importance. Uses `model`.
//! - [`layout`]: deterministic Barnes–Hut force layout over flat arrays. Uses nothing.
//! - [`render`]: the draw list a frame is, the [`render::Theme`] that owns every colour, and
//!   the backends that need no browser (the raster for large frames, SVG). Uses `model`.
//! - [`io`]: import and export formats, the user's library and its saved form, the single-file
//!   bundle. Uses `model`, `text`, `render` (colours and escaping).
//! - [`app`]: the explorer ([`app::Explorer`]: filters, selection, focus, camera, hit testing,
//!   labels, panels) and the session around it ([`app::session::Session`]: events in, outputs
//!   out; the library, extraction over frames, storage through a trait). No web types: every
//!   rule is tested natively. Uses everything above.
//! - `web` (wasm32 only) turns DOM events into session events and applies the outputs to the
//!   page; `src/bin/guanxi.rs` is the native CLI. They are the front ends.

pub mod app;
pub mod graph;

pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod web;
