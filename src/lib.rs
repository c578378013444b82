pub mod document { pub mod offsets; }
pub mod text;
