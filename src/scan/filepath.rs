//! Placeholder: the filepath scanner is being written (see issue 3).

use super::{Candidate, Ctx};

pub(crate) fn scan(_ctx: &Ctx, _out: &mut Vec<Candidate>) {}
