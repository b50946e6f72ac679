//! Round trips of the reader over what the writer wrote.

use super::format::FIELD_GAP;
use super::*;

/// Every posting of a list with its positions, read in order.
fn with_positions(index: &Index<'_>, list: ListHandle) -> Vec<(Posting, Vec<u32>)> {
    let skipping = index.skipping_list(list).expect("a list with positions");
    let mut cursor = PositionCursor::default();
    (0..skipping.postings.len())
        .map(|i| {
            let mut positions = Vec::new();
            index.positions_at(&skipping, &mut cursor, i, &mut positions);
            (skipping.postings[i], positions)
        })
        .collect()
}

/// Lists long enough for every coding choice (title gaps, unary
/// frequencies, per-field position parameters, blocks) decode to what
/// was written.
#[test]
fn long_lists_round_trip() {
    let mut builder = IndexBuilder::new(CorpusMeta::default()).block_bytes(100);
    let n = 601u32;
    for i in 0..n {
        let title = if i % 37 == 0 { "alpha report alpha".to_string() } else { format!("other {i}") };
        let text = "gamma alpha beta ".repeat(1 + (i % 3) as usize) + if i % 5 == 0 { "delta" } else { "" };
        let doc = Document {
            id: format!("d{i}"),
            title,
            text,
            date: None,
            facets: vec![("n".to_string(), vec![(i % 7).to_string()])],
            metadata: Vec::new(),
            origin: String::new(),
            mentions: Vec::new(),
        };
        builder.add(doc).unwrap();
    }
    let bytes = builder.finish().unwrap();
    let index = Index::open(&bytes).unwrap();
    for (word, title_every) in [("alpha", 37), ("delta", 0), ("beta", 0)] {
        let list = index.exact_list(word).unwrap();
        let postings = with_positions(&index, list);
        let expected: Vec<u32> = (0..n).filter(|i| word != "delta" || i % 5 == 0).collect();
        assert_eq!(postings.iter().map(|(p, _)| p.doc).collect::<Vec<_>>(), expected, "{word}");
        for (p, got) in &postings {
            let reps = 1 + p.doc % 3;
            let in_title = title_every > 0 && p.doc % title_every == 0;
            assert_eq!(p.tf_title, if in_title { 2 } else { 0 }, "{word} {}", p.doc);
            let (title_len, _) = index.lengths(p.doc);
            let mut want: Vec<u32> = if in_title { vec![0, 2] } else { Vec::new() };
            let body = title_len + FIELD_GAP;
            match word {
                "alpha" => want.extend((0..reps).map(|r| body + 3 * r + 1)),
                "beta" => want.extend((0..reps).map(|r| body + 3 * r + 2)),
                _ => want.push(body + 3 * reps),
            }
            assert_eq!(*got, want, "{word} {}", p.doc);
        }
    }
    for i in [0, 1, 2, 3, 299, n - 2, n - 1] {
        let doc = index.document_at(i).unwrap();
        assert_eq!(doc.id, format!("d{i}"));
        assert_eq!(doc.facets[0].1, vec![(i % 7).to_string()]);
    }
    assert!(index.document_at(n).is_none());
}

/// The app names its corpus's stemmer: the right one opens the index
/// and stems as `open` would; another language is refused, not used.
#[test]
fn open_with_analyzer_checks_the_language() {
    let meta = CorpusMeta { language: "french".into(), ..CorpusMeta::default() };
    let mut builder = IndexBuilder::new(meta);
    let doc = Document { id: "a".into(), title: "Les nations".into(), text: "nationales".into(), date: None, facets: Vec::new(), metadata: Vec::new(), origin: String::new(), mentions: Vec::new() };
    builder.add(doc).unwrap();
    let bytes = builder.finish().unwrap();
    let french = Index::open_with_analyzer(&bytes, Analyzer::with_algorithm(crate::analyze::Algorithm::French)).unwrap();
    assert_eq!(french.analyzer().stem("nationales"), Index::open(&bytes).unwrap().analyzer().stem("nationales"));
    let error = Index::open_with_analyzer(&bytes, Analyzer::with_algorithm(crate::analyze::Algorithm::English)).unwrap_err();
    assert!(error.to_string().contains("French"), "{error}");
}

/// Long fields (a 300-word title, a 70,000-word body) decode exactly,
/// and so do the positions of the next, short, document.
#[test]
fn long_fields_round_trip() {
    let mut builder = IndexBuilder::new(CorpusMeta::default());
    let title: Vec<String> = (0..300).map(|i| if i % 100 == 0 { "alpha".to_string() } else { format!("w{i}") }).collect();
    let body: Vec<String> = (0..70_000)
        .map(|i| match i {
            69_999 => "omega".to_string(),
            _ if i % 10_000 == 0 => "alpha".to_string(),
            _ => format!("x{}", i % 50),
        })
        .collect();
    for (id, title, text) in [("long", title.join(" "), body.join(" ")), ("short", "alpha".into(), "omega x7 alpha".into())] {
        let doc = Document { id: id.into(), title, text, date: None, facets: Vec::new(), metadata: Vec::new(), origin: String::new(), mentions: Vec::new() };
        builder.add(doc).unwrap();
    }
    let bytes = builder.finish().unwrap();
    let index = Index::open(&bytes).unwrap();
    let base = 300 + FIELD_GAP;
    let x7: Vec<u32> = (0..70_000).filter(|i| i % 50 == 7).map(|i| base + i).collect();
    let cases: [(&str, Vec<u32>, Vec<u32>); 3] = [
        ("alpha", [0, 100, 200].into_iter().chain((0..7).map(|i| base + 10_000 * i)).collect(), vec![0, 1 + FIELD_GAP + 2]),
        ("omega", vec![base + 69_999], vec![1 + FIELD_GAP]),
        ("x7", x7, vec![1 + FIELD_GAP + 1]),
    ];
    for (word, long, short) in cases {
        let postings = with_positions(&index, index.exact_list(word).unwrap());
        assert_eq!(postings.len(), 2, "{word}");
        for ((p, got), want) in postings.iter().zip([long, short]) {
            assert_eq!(*got, want, "{word} in {}", p.doc);
        }
    }
}

/// Every list of the split layout (documents, frequencies, positions),
/// every stem's lists and every document's lengths and day are those of
/// the single layout it was written from, with pieces smaller than the
/// lists so that lists lie in many pieces.
#[test]
fn split_lists_are_the_single_lists() {
    let mut builder = IndexBuilder::new(CorpusMeta::default());
    for i in 0..3000u32 {
        let words: Vec<String> = (0..(i % 97 + 3)).map(|j| format!("w{} v{} the u{}", (i * 7 + j) % 50, j % 13, (i + j * j) % 400)).collect();
        let title = format!("t{} w{} of", i % 11, i % 50);
        let doc = Document { id: format!("d{i}"), title, text: words.join(" "), date: None, facets: Vec::new(), metadata: Vec::new(), origin: String::new(), mentions: Vec::new() };
        builder.add(doc).unwrap();
    }
    let bytes = builder.finish().unwrap();
    let split = SplitIndex::from_single(&bytes).unwrap();
    let single = Index::open(&bytes).unwrap();
    let index = Index::open_split(&split.core).unwrap();
    for (name, piece) in &split.pieces {
        index.add_piece(name, piece).unwrap();
    }
    for d in 0..single.doc_count() {
        assert_eq!(index.lengths(d), single.lengths(d), "{d}");
        assert_eq!(index.day(d), single.day(d), "{d}");
    }
    let forms: Vec<String> = single.forms_matching(fst::automaton::AlwaysMatch, usize::MAX).into_iter().map(|(f, _)| f).collect();
    assert_eq!(forms, index.forms_matching(fst::automaton::AlwaysMatch, usize::MAX).into_iter().map(|(f, _)| f).collect::<Vec<_>>());
    for form in &forms {
        let (a, b) = (single.exact_list(form).unwrap(), index.exact_list(form).unwrap());
        assert_eq!(single.document_frequency(a), index.document_frequency(b), "{form}");
        if a.has_positions() {
            assert_eq!(with_positions(&single, a), with_positions(&index, b), "{form}");
        } else {
            // A stop word's list: documents and frequencies only.
            let (mut pa, mut pb) = (Vec::new(), Vec::new());
            single.postings(a, &mut pa);
            index.postings(b, &mut pb);
            assert_eq!(pa, pb, "{form}");
        }
        let stem = single.analyzer().stem(form).into_owned();
        let count = |i: &Index<'_>| i.stem_lists(&stem).into_iter().map(|l| i.document_frequency(l)).collect::<Vec<_>>();
        assert_eq!(count(&single), count(&index), "{stem}");
    }
    assert!(index.missing_pieces().is_empty());
}

/// A split list brings the field lengths of its documents: ranking what
/// it holds reads no doc piece (a common word's documents lie in all of
/// them), while a document's day still comes from its doc piece.
#[test]
fn a_split_list_brings_its_documents_lengths() {
    let mut builder = IndexBuilder::new(CorpusMeta::default());
    for i in 0..9000u32 {
        let text = format!("common w{} v{} {}", i % 50, i % 7, "filler ".repeat((i % 40) as usize));
        let doc = Document { id: format!("d{i}"), title: format!("t{} of", i % 11), text, date: None, facets: Vec::new(), metadata: Vec::new(), origin: String::new(), mentions: Vec::new() };
        builder.add(doc).unwrap();
    }
    let bytes = builder.finish().unwrap();
    let split = SplitIndex::from_single(&bytes).unwrap();
    let pieces: std::collections::HashMap<String, Vec<u8>> = split.pieces.iter().cloned().collect();
    let single = Index::open(&bytes).unwrap();
    let index = Index::open_split(&split.core).unwrap();
    let mut postings = Vec::new();
    for _ in 0..10 {
        postings.clear();
        if let Some(list) = index.exact_list("common") {
            index.postings(list, &mut postings);
        }
        let missing = index.missing_pieces();
        if missing.is_empty() {
            break;
        }
        for name in missing {
            index.add_piece(&name, &pieces[&name]).unwrap();
        }
    }
    assert_eq!(postings.len(), 9000);
    for p in &postings {
        assert_eq!(index.lengths(p.doc), single.lengths(p.doc), "{}", p.doc);
    }
    assert!(index.missing_pieces().is_empty(), "no doc piece was asked for");
    assert_eq!(index.day(4000), None);
    assert_eq!(index.missing_pieces().len(), 1, "the day is in its doc piece");
}

/// A cursor over a list's positions reads, posting by posting, what each
/// posting's own positions are, whichever postings are asked for in
/// whichever order (forward over skipped blocks, back, the same twice),
/// in both layouts.
#[test]
fn position_cursors_read_each_postings_positions() {
    let mut builder = IndexBuilder::new(CorpusMeta::default());
    let n = 700u32;
    for i in 0..n {
        let text = format!("{} alpha {}", "filler ".repeat((i % 5) as usize), "alpha beta ".repeat(1 + (i % 4) as usize));
        let doc = Document {
            id: format!("d{i}"),
            title: if i % 9 == 0 { "alpha".into() } else { "note".into() },
            text,
            date: None,
            facets: Vec::new(),
            metadata: Vec::new(),
            origin: String::new(),
            mentions: Vec::new(),
        };
        builder.add(doc).unwrap();
    }
    let single = builder.finish().unwrap();
    let split = SplitIndex::from_single(&single).unwrap();
    let single = Index::open(&single).unwrap();
    let split_index = Index::open_split(&split.core).unwrap();
    for (name, bytes) in &split.pieces {
        split_index.add_piece(name, bytes).unwrap();
    }
    let orders: [Vec<usize>; 4] = [
        (0..n as usize).collect(),
        vec![5, 6, 63, 64, 65, 200, 201, 450, 699],
        vec![300, 10, 10, 640, 129, 128, 0],
        (0..n as usize).rev().step_by(7).collect(),
    ];
    for index in [&single, &split_index] {
        let list = index.exact_list("alpha").unwrap();
        let skipping = index.skipping_list(list).unwrap();
        assert_eq!(skipping.postings.len(), n as usize);
        for order in &orders {
            let mut cursor = PositionCursor::default();
            for &i in order {
                // What the posting's positions are: the text says.
                let p = skipping.postings[i];
                let (title_len, _) = index.lengths(p.doc);
                let body = title_len + FIELD_GAP;
                let reps = 1 + p.doc % 4;
                let lead = p.doc % 5;
                let mut want: Vec<u32> = if p.doc % 9 == 0 { vec![0] } else { Vec::new() };
                want.push(body + lead);
                want.extend((0..reps).map(|r| body + lead + 1 + 2 * r));
                let mut got = Vec::new();
                index.positions_at(&skipping, &mut cursor, i, &mut got);
                assert_eq!(got, want, "posting {i} in {order:?}");
            }
        }
    }
    assert!(split_index.skipping_list(split_index.exact_list("the").unwrap()).is_none(), "a stop word's list has no positions");
}
