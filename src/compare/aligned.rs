use crate::engine::Context;

#[derive(Debug, Default)]
pub struct Alignment {}

pub fn align_set(_cx: &Context) -> Alignment {
    Alignment::default()
}
