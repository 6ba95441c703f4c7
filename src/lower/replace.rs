//! Schemas replaced by Rust types: the configuration's `replace` (by pointer or
//! component name) and the `x-rust-type` extension.

use super::*;

impl Lowerer<'_> {
    /// The Rust type that replaces the schema at `ptr`: the configuration's `replace`
    /// (by pointer or component name), else its `x-rust-type`.
    pub(super) fn replacement(
        &mut self,
        doc: DocId,
        o: &Map<String, Value>,
        ptr: &JsonPointer,
    ) -> Option<Shape> {
        if let Some((key, r)) = self.replace_key(doc, ptr) {
            let (path, validate) = r.parts();
            let shape = Shape::plain(Ty::External { path: path.to_owned(), validate });
            self.replaced.insert((doc, key));
            return Some(shape);
        }
        match extensions::rust_type(o)? {
            Ok((krate, version, path)) => {
                let known = self.model.dependencies.entry(krate.clone()).or_insert(version.clone());
                if *known != version {
                    let msg = format!(
                        "`x-rust-type` asks for `{krate}` {version}, and another for {known}"
                    );
                    self.err(doc, &ptr.join("x-rust-type"), msg);
                }
                Some(Shape::plain(Ty::External { path, validate: false }))
            }
            Err(e) => {
                self.err(doc, &ptr.join("x-rust-type"), e);
                None
            }
        }
    }

    /// The `replace` entry of the configuration that names the schema at `ptr`: by
    /// pointer (with or without `#`) or, for a component or definition, by name.
    pub(super) fn replace_key(
        &self,
        doc: DocId,
        ptr: &JsonPointer,
    ) -> Option<(String, crate::config::Replacement)> {
        let config = &self.docs[doc].config;
        if config.replace.is_empty() {
            return None;
        }
        let parent = ptr.parent().unwrap_or_else(JsonPointer::root);
        let named = ["/components/schemas", "/$defs", "/definitions"].contains(&parent.as_str());
        let name = ptr.last().filter(|_| named);
        let keys = [Some(ptr.as_str().to_owned()), Some(format!("#{}", ptr.as_str())), name];
        keys.into_iter().flatten().find_map(|k| config.replace.get(&k).map(|r| (k, r.clone())))
    }
}
