//! The Annals web app (to be written).
