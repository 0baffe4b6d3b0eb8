//! guanxi
pub mod app;
pub mod graph;
pub mod layout;
pub mod model;
pub mod text;
