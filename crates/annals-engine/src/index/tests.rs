//! Round trips of the reader over what the writer wrote.

use super::format::FIELD_GAP;
use super::*;

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
        let mut postings = Vec::new();
        index.postings(list, true, &mut postings);
        let expected: Vec<u32> = (0..n).filter(|i| word != "delta" || i % 5 == 0).collect();
        assert_eq!(postings.iter().map(|p| p.doc).collect::<Vec<_>>(), expected, "{word}");
        for p in &postings {
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
            let mut got = Vec::new();
            index.positions(p, &mut got);
            assert_eq!(got, want, "{word} {}", p.doc);
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
        let mut postings = Vec::new();
        index.postings(index.exact_list(word).unwrap(), true, &mut postings);
        assert_eq!(postings.len(), 2, "{word}");
        for (p, want) in postings.iter().zip([long, short]) {
            let mut got = Vec::new();
            index.positions(p, &mut got);
            assert_eq!(got, want, "{word} in {}", p.doc);
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
        let (mut pa, mut pb) = (Vec::new(), Vec::new());
        single.postings(a, true, &mut pa);
        index.postings(b, true, &mut pb);
        assert_eq!(pa.len(), pb.len(), "{form}");
        for (x, y) in pa.iter().zip(&pb) {
            assert_eq!((x.doc, x.tf_title, x.tf_body), (y.doc, y.tf_title, y.tf_body), "{form}");
            let (mut xa, mut ya) = (Vec::new(), Vec::new());
            single.positions(x, &mut xa);
            index.positions(y, &mut ya);
            assert_eq!(xa, ya, "{form} in {}", x.doc);
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
            index.postings(list, false, &mut postings);
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
