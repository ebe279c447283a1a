//! The one build.rs a user writes: types for the example schema, regenerated whenever a
//! migration changes (or a new one appears: the directory is watched too).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    codegen::build::Config::new()
        .migrations("../../schema/migrations")
        .supabase(true)
        .rust_column("public.messages.search", "skip")
        .driver(codegen::build::Driver::TokioPostgres)
        .compile()?;
    Ok(())
}
