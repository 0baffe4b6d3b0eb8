//! guanxi
pub mod model;
pub mod text;
