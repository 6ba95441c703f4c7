//! Dynamic references (`$dynamicRef`, `$recursiveRef`) in generated checks: a function
//! whose resource holds dynamic anchors enters the dynamic scope while it runs, and a
//! dynamic reference leads to the outermost candidate the scope holds (see the
//! runtime's `scope`), else to its first target.

use crate::model::{DocId, Rule};
use crate::schema::JsonPointer;

use super::json_check::Compiler;

impl Compiler<'_> {
    /// The scope entry of a function at `pointer`: where its resource holds a dynamic
    /// anchor, a dynamic reference may look for it while the function runs.
    pub(super) fn enters(&self, pointer: &JsonPointer) -> Option<Rule> {
        self.scope_entry(pointer).map(Rule::Enter)
    }

    /// The URI of the resource of `pointer`, where it holds dynamic anchors.
    pub(super) fn scope_entry(&self, pointer: &JsonPointer) -> Option<String> {
        let scope = self.docs[self.module].scope.as_ref()?;
        let uri = scope.resource_of(pointer)?;
        let holds = scope.anchors.iter().any(|(_, at)| scope.resource_of(at) == Some(uri));
        holds.then(|| uri.to_owned())
    }

    /// `$dynamicRef` (`$recursiveRef`) at `pointer`: its first target, and each schema
    /// with its anchor name in the resource that holds it.
    pub(super) fn dynamic(&mut self, pointer: &JsonPointer) -> Result<Rule, String> {
        let (initial, candidates) = self.dynamic_targets(pointer, &mut |c, at| c.at(at))?;
        Ok(Rule::Dynamic { initial, candidates })
    }

    /// What `read` makes of the first target of the dynamic reference at `pointer` and of
    /// each of its candidates, by the URI of the resource holding it.
    pub(super) fn dynamic_targets<T>(
        &mut self,
        pointer: &JsonPointer,
        read: &mut dyn FnMut(&mut Self, JsonPointer) -> Result<T, String>,
    ) -> Result<(T, Vec<(String, T)>), String> {
        let refused = || format!("a dynamic reference at `{pointer}` that leaves its document");
        let scope = self.docs[self.module].scope.as_ref().ok_or_else(refused)?;
        let reference = scope.references.get(pointer).cloned().ok_or_else(refused)?;
        let initial = read(self, reference.initial)?;
        let mut candidates: Vec<(String, T)> = Vec::new();
        let docs = self.docs;
        for (module, doc) in DocId::all(docs.len()).zip(docs) {
            let Some(scope) = doc.scope.as_ref().filter(|_| reference.name.is_some()) else {
                continue;
            };
            for (name, at) in &scope.anchors {
                let uri = scope.resource_of(at).unwrap_or_default();
                if Some(name) != reference.name.as_ref() || candidates.iter().any(|(u, _)| u == uri)
                {
                    continue;
                }
                let here = std::mem::replace(&mut self.module, module);
                let target = read(self, at.clone());
                self.module = here;
                candidates.push((uri.to_owned(), target?));
            }
        }
        Ok((initial, candidates))
    }
}
