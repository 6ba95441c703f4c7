//! The emitters: they read only the model and return the generated crate's files.

mod body;
mod builder;
mod check;
mod docs;
mod entries;
mod json_check;
mod mapping;
mod operation;
mod response;
mod rust;
mod types;
mod union;
mod validate;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;
use serde::Serialize;

use crate::config::Config;
use crate::model::{DocId, JsonFnId, Model, Ty, TypeId};
use crate::render::{rust_file, rust_items};
use crate::OutputFile;

/// Every file of the generated crate, in a stable order, and how many types have a
/// `Validate` impl that checks something.
pub fn emit(
    config: &Config,
    model: &Model,
    census: &crate::model::Census,
) -> Result<(Vec<OutputFile>, usize), String> {
    let needs = validate::Needs::compute(model);
    let header = config.krate.header();
    let date_time = uses_date_time(model);
    let module_patterns: Vec<Vec<String>> =
        DocId::all(model.modules.len()).map(|i| model.patterns(i)).collect();
    let module_formats: Vec<Vec<String>> =
        DocId::all(model.modules.len()).map(|i| model.formats(i)).collect();
    // `pattern`s use the jsonschema crate's ECMA-262 regular expressions, and asserted
    // formats its format checkers (host names with `idna`).
    let json_schema = model
        .modules
        .iter()
        .zip(&module_patterns)
        .any(|(m, p)| m.embedded.is_some() || !p.is_empty());
    let idna = model.modules.iter().any(|m| m.embedded.as_ref().is_some_and(|e| e.formats))
        || module_formats.iter().any(|f| !f.is_empty());
    let crate_ident = config.krate.name.replace('-', "_");
    let http = !model.operations.is_empty();
    let api = schemagen_runtime::API_VERSION;
    let mut files = vec![OutputFile::new(
        "Cargo.toml",
        manifest(config, model, date_time, json_schema, idna, http)?,
    )];

    let targets = expansion_targets(model);
    let traits = model.derivable();
    let operations: BTreeMap<TypeId, &crate::model::Operation> =
        model.operations.iter().map(|op| (op.request, op)).collect();
    let mut root_items = Vec::new();
    let mut root_body = String::new();
    let mut modules = Vec::new();
    let shared_checks = model.json_fns_called_across_modules();
    let sub_kinds = model.sub_kinds();
    let members: std::collections::BTreeMap<JsonFnId, crate::model::Read> =
        JsonFnId::all(model.json_fns.len())
            .filter_map(|id| model.members_read(id).map(|m| (id, m)))
            .collect();
    let counts: std::collections::BTreeMap<JsonFnId, Vec<crate::model::Check>> =
        JsonFnId::all(model.json_fns.len())
            .filter_map(|id| model.counts_only(id).map(|c| (id, c.to_vec())))
            .collect();
    for (((index, module), patterns), formats) in DocId::all(model.modules.len())
        .zip(&model.modules)
        .zip(&module_patterns)
        .zip(&module_formats)
    {
        let pointers = model.schema_checks(index);
        let statics = check::Statics {
            schemas: pointers.iter().enumerate().map(|(i, p)| (p.clone(), i)).collect(),
            patterns: patterns.iter().enumerate().map(|(i, p)| (p.clone(), i)).collect(),
            formats: formats.iter().enumerate().map(|(i, f)| (f.clone(), i)).collect(),
            members: members.clone(),
            counts: counts.clone(),
            kinds: sub_kinds.clone(),
        };
        let mut items: Vec<_> = schema_statics(module, &pointers).into_iter().collect();
        // One static per pattern and per asserted format, compiled on first use.
        let lazy =
            |prefix: &str, what: &str, ty: TokenStream, sources: &[String]| -> Vec<TokenStream> {
                let ty = &ty;
                sources
                    .iter()
                    .enumerate()
                    .map(|(i, source)| {
                        let name = quote::format_ident!("{prefix}_{i}");
                        let doc = format!(
                            " {what} {}.",
                            docs::code_span(&serde_json::Value::from(source.as_str()).to_string())
                        );
                        quote! {
                            #[doc = #doc]
                            static #name: #ty = #ty::new(#source);
                        }
                    })
                    .collect()
            };
        items.extend(lazy("PATTERN", "`pattern`", quote!(crate::runtime::Pattern), patterns));
        items.extend(lazy("FORMAT", "Asserted `format`", quote!(crate::runtime::Format), formats));
        items.extend(json_check::items(model, index, &statics, &shared_checks));
        let ids: Vec<TypeId> =
            TypeId::all(model.types.len()).filter(|&id| model.types[id].module == index).collect();
        if module.linked && ids.is_empty() && items.is_empty() {
            // A linked document whose referenced schemas all became plain shapes.
            continue;
        }
        let body = render_parallel(&ids, |chunk| {
            let items = chunk.iter().map(|&id| {
                let item = types::type_item(model, id, targets.contains(&id), traits[id.index()]);
                let validate = validate::validate_impl(model, &needs, &statics, id, model.ty(id));
                let check = model.parse_checks.get(&id).copied();
                let from_json = validate::from_json_impl(check, model.ty(id));
                let op = operations.get(&id).map(|op| operation::operation_items(model, op));
                let builder = model.builders.get(&id).map(|b| builder::builder_item(model, id, b));
                let schema = types::json_schema_impl(model, id);
                quote!(#item #validate #from_json #op #builder #schema)
            });
            quote!(#(#items)*)
        })?;
        match &module.name {
            Some(name) => {
                let doc = format!(" Types generated from {}.", docs::code_span(&module.file));
                let tokens = quote!(#![doc = #doc] #(#items)*);
                let path = format!("src/{name}.rs");
                files.push(OutputFile::new(&path, rust_file(&path, tokens, &header)? + &body));
                modules.push(rust::ident(name));
            }
            None => {
                root_items.extend(items);
                root_body.push_str(&body);
            }
        }
    }

    let mappings = if model.mappings.is_empty() {
        None
    } else {
        let items = model.mappings.iter().map(|m| mapping::mapping_items(model, m));
        let tokens = quote!(#![doc = " Conversions generated from the mapping files (`TryFrom` impls), and the context values of those that take some."] #(#items)*);
        files.push(OutputFile::new(
            "src/mappings.rs",
            rust_file("src/mappings.rs", tokens, &header)?,
        ));
        Some(quote!(
            pub mod mappings;
        ))
    };

    let sources: Vec<String> = model.modules.iter().map(|m| docs::code_span(&m.file)).collect();
    let crate_doc = format!(" Rust types generated by schemagen from {}.", sources.join(", "));
    let lib = quote! {
        #![doc = #crate_doc]
        #![doc = ""]
        #![doc = " Every type implements [`Validate`], which checks the constraints of its schema."]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        /// The runtime every generated crate shares: `Validate`, its errors and the helpers
        /// the types use.
        pub use ::schemagen_runtime as runtime;
        #(pub mod #modules;)*
        #mappings

        pub use runtime::{BuilderError, Expandable, FromJson, HasId, MappingError, Number, Pointer, UnknownValue, Validate, ValidationError, ValidationErrors};

        // A runtime of another interface version fails the build here, saying what to do.
        const _: () = runtime::require_api(#api);

        #(#root_items)*
    };
    files.push(OutputFile::new("src/lib.rs", rust_file("src/lib.rs", lib, &header)? + &root_body));
    files.push(OutputFile::new("schemas.json", index(model, &crate_ident)?));
    files.push(OutputFile::new("census.json", json_file(census)?));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // Every context above escapes hidden characters; one that slipped through is a bug.
    for f in &files {
        if let Some((line, c)) = crate::hidden::find_raw(&f.contents) {
            return Err(format!(
                "internal error: `{}` would carry U+{:04X} raw on line {line}",
                f.path, c as u32
            ));
        }
    }
    let validators = TypeId::all(model.types.len()).filter(|&id| needs.needs_type(id)).count();
    Ok((files, validators))
}

/// Formatted items for `ids`, built and formatted in fixed-size chunks on every core
/// (token streams cannot cross threads, so each chunk is built where it is formatted).
/// The chunks are joined in order, so the text does not depend on the number of cores.
fn render_parallel(
    ids: &[TypeId],
    build: impl Fn(&[TypeId]) -> proc_macro2::TokenStream + Sync,
) -> Result<String, String> {
    const CHUNK: usize = 64;
    let chunks: Vec<&[TypeId]> = ids.chunks(CHUNK).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<String, String>>>> =
        chunks.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let workers =
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(chunks.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(chunk) = chunks.get(i) else { break };
                let text = rust_items(build(chunk));
                if let Ok(mut slot) = results[i].lock() {
                    *slot = Some(text);
                }
            });
        }
    });
    let mut out = String::new();
    for slot in results {
        match slot
            .into_inner()
            .map_err(|_| "internal error: a formatting thread panicked".to_owned())?
        {
            Some(text) => out.push_str(&text?),
            None => return Err("internal error: a chunk was not formatted".to_owned()),
        }
    }
    Ok(out)
}

/// Types that expandable fields can hold.
fn expansion_targets(model: &Model) -> BTreeSet<TypeId> {
    let mut out = BTreeSet::new();
    model.walk_shapes(&mut |s| {
        if let Ty::Expandable { object, .. } = &s.ty {
            out.insert(*object);
        }
    });
    out
}

/// (Types hold `chrono` date-times, the runtime's chrono helpers are used.)
fn uses_date_time(model: &Model) -> (bool, bool) {
    let (mut found, mut dates) = (false, false);
    model.walk_shapes(&mut |s| {
        found |= s.ty == Ty::DateTime || s.ty == Ty::Crate(crate::model::CrateFormat::Date);
        // `Date::to_date` and `Time::to_time` are the runtime's, with its chrono.
        dates |= matches!(s.format_type(), Some("Date" | "Time"));
    });
    let mut text = false;
    for m in &model.mappings {
        m.each_field(&mut |f| text |= f.conversion == crate::model::Conversion::UnixTimeToText);
    }
    (found, found || text || dates)
}

#[derive(Serialize)]
struct Manifest {
    package: Package,
    lib: Lib,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    features: BTreeMap<&'static str, Vec<&'static str>>,
    dependencies: BTreeMap<String, toml::Value>,
}

#[derive(Serialize)]
struct Lib {
    /// Code blocks in descriptions are examples for readers, not tests.
    doctest: bool,
}

#[derive(Serialize)]
struct Package {
    name: String,
    version: &'static str,
    edition: &'static str,
    publish: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

/// The embedded document and one lazily compiled validator per schema kept as JSON.
fn schema_statics(
    module: &crate::model::ModuleDef,
    pointers: &[crate::schema::JsonPointer],
) -> Option<proc_macro2::TokenStream> {
    let embedded = module.embedded.as_ref()?;
    let (document, base, formats) = (&embedded.document, &embedded.base, embedded.formats);
    let (urls, remotes): (Vec<&String>, Vec<&String>) =
        embedded.remotes.iter().map(|(u, d)| (u, d)).unzip();
    let statics = pointers.iter().enumerate().map(|(i, pointer)| {
        let name = quote::format_ident!("SCHEMA_{}", i);
        let fragment = pointer.uri_fragment();
        let doc = format!(" The schema at {}.", docs::code_span(&format!("#{pointer}")));
        quote! {
            #[doc = #doc]
            static #name: crate::runtime::Schema = crate::runtime::Schema::new(DOCUMENT, #base, #fragment, REMOTES, #formats);
        }
    });
    Some(quote! {
        /// The source document as JSON Schema, for the values kept as JSON.
        const DOCUMENT: &str = #document;
        /// Remote documents it refers to: (URL, JSON).
        const REMOTES: &[(&str, &str)] = &[#((#urls, #remotes)),*];
        #(#statics)*
    })
}

fn manifest(
    config: &Config,
    model: &Model,
    (date_time, helpers): (bool, bool),
    json_schema: bool,
    idna: bool,
    http: bool,
) -> Result<String, String> {
    let dep = |version: &str, features: &[&str], default_features: bool| {
        let mut t = toml::Table::new();
        t.insert("version".into(), version.into());
        if !default_features {
            t.insert("default-features".into(), false.into());
        }
        if !features.is_empty() {
            t.insert(
                "features".into(),
                features.iter().map(|f| toml::Value::from(*f)).collect::<Vec<_>>().into(),
            );
        }
        toml::Value::Table(t)
    };
    let mut dependencies = BTreeMap::new();
    dependencies.insert("serde".to_owned(), dep("1.0.200", &["derive"], true));
    dependencies.insert("serde_json".to_owned(), dep("1.0.100", &[], true));
    if date_time {
        dependencies.insert("chrono".to_owned(), dep("0.4.35", &["std", "serde"], false));
    }
    // The runtime's optional parts are features: a crate that needs none builds without
    // chrono and jsonschema. Internationalized host names need `idna` only when formats assert.
    let features: Vec<&str> = [
        (helpers, "chrono"),
        (http, "http"),
        (json_schema && !idna, "json-schema"),
        (idna, "idna"),
    ]
    .into_iter()
    .filter_map(|(on, f)| on.then_some(f))
    .collect();
    let mut runtime = toml::Table::new();
    match config.krate.runtime.clone().unwrap_or_else(crate::config::RuntimeDependency::built_in) {
        crate::config::RuntimeDependency::Path(path) => {
            runtime.insert("path".into(), path.to_string_lossy().replace('\\', "/").into())
        }
        crate::config::RuntimeDependency::Version(version) => {
            runtime.insert("version".into(), version.into())
        }
    };
    if !features.is_empty() {
        runtime.insert(
            "features".into(),
            features.iter().map(|f| toml::Value::from(*f)).collect::<Vec<_>>().into(),
        );
    }
    dependencies.insert("schemagen-runtime".to_owned(), toml::Value::Table(runtime));
    // The crates of `x-rust-type`s, and those the configuration's derives and
    // replacements name.
    // (A crate the generated crate has anyway keeps its own requirement and features.)
    for (name, version) in &model.dependencies {
        if !["std", "core", "alloc"].contains(&name.as_str()) {
            dependencies.entry(name.clone()).or_insert_with(|| version.as_str().into());
        }
    }
    // The crates of `crate_formats` types.
    let mut crates = (false, false);
    model.walk_shapes(&mut |s| {
        crates.0 |= s.ty == Ty::Crate(crate::model::CrateFormat::Uuid);
        crates.1 |= s.ty == Ty::Crate(crate::model::CrateFormat::Uri);
    });
    if crates.0 {
        dependencies.insert("uuid".to_owned(), dep("1.10", &["serde"], true));
    }
    if crates.1 {
        dependencies.insert("url".to_owned(), dep("2.5", &["serde"], true));
    }
    for (name, spec) in &config.krate.dependencies {
        dependencies.insert(name.clone(), spec.clone());
    }
    let manifest = Manifest {
        package: Package {
            name: config.krate.name.clone(),
            version: "0.1.0",
            edition: "2021",
            publish: false,
            description: config
                .krate
                .description
                .as_deref()
                .map(|d| crate::hidden::visible(d).into_owned()),
        },
        lib: Lib { doctest: false },
        // `schemars::JsonSchema` of every type, through the runtime's schemars.
        features: match config.krate.schemars {
            true => BTreeMap::from([("schemars", vec!["schemagen-runtime/schemars"])]),
            false => BTreeMap::new(),
        },
        dependencies,
    };
    let body = toml::to_string(&manifest)
        .map_err(|e| format!("internal error: cannot write Cargo.toml: {e}"))?;
    Ok(format!("# {}\n\n{body}", config.krate.header()))
}

/// `schemas.json`: each generated schema's location -> its Rust type path.
fn index(model: &Model, crate_ident: &str) -> Result<String, String> {
    let entries: BTreeMap<String, String> = model
        .types
        .iter()
        .zip(TypeId::all(model.types.len()))
        .map(|(t, id)| (id, t))
        // A union's typed variant may share its pointer: the pointer names the union.
        .filter(|&(id, t)| {
            model.by_location.get(&crate::model::Location::new(t.module, &t.pointer)) == Some(&id)
        })
        .map(|(id, t)| {
            let file = &model.modules[t.module].file;
            (
                format!("{file}#{}", t.pointer),
                format!("{crate_ident}::{}", model.rust_path(id).join("::")),
            )
        })
        .collect();
    json_file(&entries)
}

/// Pretty JSON with hidden characters escaped, ending in a newline.
fn json_file(value: &impl Serialize) -> Result<String, String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| format!("internal error: {e}"))?;
    let mut text = crate::hidden::json_escaped(&text).into_owned();
    text.push('\n');
    Ok(text)
}
