//! The dynamic scope of `$dynamicRef` (`$recursiveRef`): the resources, by URI, that the
//! schema checks of the current thread are inside, outermost first. Generated checks
//! enter the resources that hold dynamic anchors; a dynamic reference leads to the
//! outermost of its candidates in scope.

use ::std::cell::RefCell;

::std::thread_local! {
    static SCOPE: RefCell<::std::vec::Vec<&'static str>> = const { RefCell::new(::std::vec::Vec::new()) };
}

/// Leaves the resource when dropped, if entering it joined the scope.
#[must_use]
pub struct ScopeGuard(bool);

impl Drop for ScopeGuard {
    fn drop(&mut self) {
        if self.0 {
            SCOPE.with(|s| s.borrow_mut().pop());
        }
    }
}

/// Enters the resource `uri` for as long as the guard lives; re-entering the innermost
/// resource changes nothing.
pub fn enter_scope(uri: &'static str) -> ScopeGuard {
    SCOPE.with(|s| {
        let mut scope = s.borrow_mut();
        let joined = scope.last() != Some(&uri);
        if joined {
            scope.push(uri);
        }
        ScopeGuard(joined)
    })
}

/// The index in `candidates` of the outermost resource in scope, if any is.
pub fn dynamic_scope(candidates: &[&'static str]) -> Option<usize> {
    SCOPE.with(|s| s.borrow().iter().find_map(|r| candidates.iter().position(|c| c == r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outermost_candidate_in_scope_wins_and_leaving_restores_the_scope() {
        assert_eq!(dynamic_scope(&["a"]), None);
        let outer = enter_scope("a");
        {
            let _inner = enter_scope("b");
            let _again = enter_scope("b");
            assert_eq!(dynamic_scope(&["b", "a"]), Some(1));
            assert_eq!(dynamic_scope(&["b"]), Some(0));
        }
        assert_eq!(dynamic_scope(&["b"]), None);
        drop(outer);
        assert_eq!(dynamic_scope(&["a"]), None);
    }
}
