//! The score stage: what a hit's surroundings say about it ([`context`]), the
//! style signals of the whole title ([`signals`]), the tunable numbers
//! ([`weights`]), and the log-odds model that adds them up ([`model`]).

pub(crate) mod context;
pub(crate) mod model;
pub(crate) mod signals;
pub(crate) mod weights;
