//! pgforge's derive crate: compile-time checks of structs against the migrations.
//! The derives themselves land with the derive issue; this crate exists so the workspace
//! layout is stable from the start.
