//! Import and export formats, saved work, and packaging the app as one self-contained HTML file.

pub mod bundle;
pub mod export;
pub mod inputs;
pub mod library;
pub mod neo4j;
pub mod offload;
pub mod subgraph;
