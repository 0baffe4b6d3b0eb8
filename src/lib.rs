//! guanxi (关系, "connections"): an offline knowledge-graph explorer for Chinese news.
//!
//! The crate is a pure core with two thin front ends:
//! - [`model`]: ids, entities, relations, evidence — the `extract` JSON schema;
//! - [`text`]: page → articles, the learned recogniser plus rules, aliases, relations;
//! - [`graph`]: the `petgraph` graph and its queries (neighbourhood, paths, ranking);
//! - [`layout`]: deterministic Barnes–Hut force layout over flat arrays;
//! - [`app`]: the explorer's state (filters, selection, camera, URL state), no web types;
//! - [`io`]: import and export formats;
//! - `web` (wasm32 only) and `src/bin/guanxi.rs` (native CLI) are the front ends.

pub mod app;
pub mod graph;

pub mod io;
pub mod layout;
pub mod model;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod web;
