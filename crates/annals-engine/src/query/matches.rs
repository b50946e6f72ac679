//! Matching documents as a sorted set with a score each, and the set
//! algebra a query tree is evaluated with: AND intersects, OR unites, NOT
//! subtracts (scores add up where documents meet).

/// Matching documents, ascending, with a score each.
#[derive(Debug, Default, Clone)]
pub struct Matches {
    /// Document ordinals, ascending.
    pub docs: Vec<u32>,
    /// Scores, parallel to `docs`.
    pub scores: Vec<f32>,
}

impl Matches {
    pub(crate) fn all(n: u32) -> Matches {
        Matches { docs: (0..n).collect(), scores: vec![0.0; n as usize] }
    }

    pub(crate) fn and(self, other: &Matches) -> Matches {
        let mut out = Matches::default();
        let (mut i, mut j) = (0, 0);
        while i < self.docs.len() && j < other.docs.len() {
            let (a, b) = (self.docs[i], other.docs[j]);
            if a == b {
                out.docs.push(a);
                out.scores.push(self.scores[i] + other.scores[j]);
                i += 1;
                j += 1;
            } else if a < b {
                i += 1;
            } else {
                j += 1;
            }
        }
        out
    }

    pub(crate) fn or(self, other: &Matches) -> Matches {
        let mut out = Matches::default();
        let (mut i, mut j) = (0, 0);
        while i < self.docs.len() || j < other.docs.len() {
            let a = self.docs.get(i).copied().unwrap_or(u32::MAX);
            let b = other.docs.get(j).copied().unwrap_or(u32::MAX);
            if a == b {
                out.docs.push(a);
                out.scores.push(self.scores[i] + other.scores[j]);
                i += 1;
                j += 1;
            } else if a < b {
                out.docs.push(a);
                out.scores.push(self.scores[i]);
                i += 1;
            } else {
                out.docs.push(b);
                out.scores.push(other.scores[j]);
                j += 1;
            }
        }
        out
    }

    pub(crate) fn minus(self, other: &Matches) -> Matches {
        let mut out = Matches::default();
        let mut j = 0;
        for (i, &d) in self.docs.iter().enumerate() {
            while j < other.docs.len() && other.docs[j] < d {
                j += 1;
            }
            if other.docs.get(j) != Some(&d) {
                out.docs.push(d);
                out.scores.push(self.scores[i]);
            }
        }
        out
    }

    pub(crate) fn complement(&self, n: u32) -> Matches {
        Matches::all(n).minus(self)
    }
}
