//! The key trie as child lists, so the dense build asks the NFA only about edges
//! that exist.

use super::dense::Columns;

/// The trie of a key set as child lists: where [`Dense::build`] has trie
/// edges to ask the NFA about. Asking about every column of every state
/// instead cost a fifth of the default classifier's build.
pub(super) struct KeyTrie {
    /// Node `i`'s children are `edges[first[i]..first[i + 1]]`.
    pub(super) first: Vec<u32>,
    /// (column, child node), each node's by column.
    pub(super) edges: Vec<(u8, u32)>,
}

impl KeyTrie {
    /// Node 0 is the root; `columns` are the key bytes' columns (the keys
    /// are as given to the NFA: for a folded alphabet, already codes).
    pub(super) fn new<K: AsRef<[u8]>>(keys: &[K], columns: &Columns) -> KeyTrie {
        let mut column_of = [0u8; 256];
        for (k, &sym) in columns.symbols.iter().enumerate() {
            // At most 256 columns (see `Columns`).
            column_of[usize::from(sym)] = k as u8;
        }
        let mut sorted: Vec<&[u8]> = keys.iter().map(AsRef::as_ref).collect();
        sorted.sort_unstable();
        sorted.dedup();
        // In sorted order a key shares its first `common` bytes with the one
        // before: those nodes exist, the rest are new.
        let mut edges: Vec<(u32, u8, u32)> = Vec::new();
        let mut path = vec![0u32];
        let mut prev: &[u8] = &[];
        let mut nodes = 1u32;
        for key in sorted {
            let common = prev.iter().zip(key).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &b in &key[common..] {
                let parent = path[path.len() - 1];
                edges.push((parent, column_of[usize::from(b)], nodes));
                path.push(nodes);
                nodes += 1;
            }
            prev = key;
        }
        // Grouped by parent, then by column.
        edges.sort_unstable();
        let mut first = vec![0u32; nodes as usize + 1];
        for &(parent, _, _) in &edges {
            first[parent as usize + 1] += 1;
        }
        for i in 1..first.len() {
            first[i] += first[i - 1];
        }
        KeyTrie {
            first,
            edges: edges
                .into_iter()
                .map(|(_, col, child)| (col, child))
                .collect(),
        }
    }

    pub(super) fn children(&self, node: u32) -> &[(u8, u32)] {
        let i = node as usize;
        &self.edges[self.first[i] as usize..self.first[i + 1] as usize]
    }
}
