//! Exports to the tools people use: GEXF (Gephi, Gephi Lite), GraphML, CSV (Excel-friendly:
//! UTF-8 with BOM), the graph JSON of `guanxi extract` (re-importable), and SVG of a drawn view.
//! Every string is escaped for its format, so text from the corpus stays inert data.

use crate::model::stable::StableIds;
use crate::model::{ArticleId, Entity, EntityId, Extraction, Relation, RelationId};
use crate::render::theme::{rgb, Theme};
use std::fmt::Write as _;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// GEXF 1.3.
    Gexf,
    /// GraphML.
    Graphml,
    /// Nodes and edges tables.
    Csv,
    /// The `extract` JSON schema.
    Json,
    /// `neo4j-admin database import` CSV files ([`super::neo4j`]).
    Neo4j,
}

impl Format {
    /// Parses `gexf`, `graphml`, `csv`, `json`, `neo4j`.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "neo4j" => Some(Format::Neo4j),
            "gexf" => Some(Format::Gexf),
            "graphml" => Some(Format::Graphml),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The part of an extraction that passes `keep_entity` and `keep_relation` (a filtered view),
/// re-numbered densely so the result is a valid extraction on its own. Relations whose ends were
/// dropped are dropped; credits follow their author.
pub fn subset(
    x: &Extraction,
    keep_entity: impl Fn(EntityId) -> bool,
    keep_relation: impl Fn(RelationId) -> bool,
) -> Extraction {
    let kept = x.entities.iter().map(|e| e.id).filter(|&e| keep_entity(e));
    let entities = kept.zip(0..).map(|(e, i)| (e, EntityId(i))).collect();
    let articles = x.articles.iter().map(|a| (a.id, a.id)).collect();
    crate::io::subgraph::Renumber { entities, articles }.apply(x, x.articles.clone(), keep_relation)
}

pub use crate::render::markup::xml_escape;

/// Importance, degree and community of every entity (indexed by entity id), carried by the
/// exports as node attributes. Computed by `graph::analysis`; empty values export as 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeMeasures {
    /// PageRank over evidence strength (sums to 1 over the whole graph).
    pub importance: Vec<f64>,
    /// Distinct neighbours.
    pub degree: Vec<u32>,
    /// Community number (0 the largest).
    pub community: Vec<u32>,
}

impl NodeMeasures {
    fn of(&self, e: EntityId) -> (f64, u32, u32) {
        let i = e.index();
        (
            self.importance.get(i).copied().unwrap_or(0.0),
            self.degree.get(i).copied().unwrap_or(0),
            self.community.get(i).copied().unwrap_or(0),
        )
    }

    /// The measures of the entities `keep_entity` accepts, numbered as [`subset`] numbers
    /// them (the values stay those of the whole graph).
    pub fn subset(&self, x: &Extraction, keep_entity: impl Fn(EntityId) -> bool) -> NodeMeasures {
        let mut out = NodeMeasures::default();
        for e in x.entities.iter().filter(|e| keep_entity(e.id)) {
            let (i, d, c) = self.of(e.id);
            out.importance.push(i);
            out.degree.push(d);
            out.community.push(c);
        }
        out
    }
}

/// How a node is drawn in the explorer, carried into GEXF so Gephi shows the same picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeLook {
    /// Position in layout coordinates, x to the right, y down as on screen (GEXF is written
    /// with y up, as Gephi and Gephi Lite draw it).
    pub x: f32,
    /// See `x`.
    pub y: f32,
    /// Fill colour (its kind's or its community's).
    pub rgb: [u8; 3],
    /// Radius in pixels at the default zoom.
    pub size: f32,
}

/// What an export writes: which entities and edges of a graph, named by their stable ids
/// (never renumbered: a filtered export names an entity as the whole graph does), with the
/// whole graph's measures and, when known, the picture the user sees.
#[derive(Clone, Copy, Debug)]
pub struct Picture<'a> {
    /// The whole graph.
    pub x: &'a Extraction,
    /// Its stable ids.
    pub ids: &'a StableIds,
    /// Its measures, indexed by entity id.
    pub measures: &'a NodeMeasures,
    /// Positions, colours and sizes, indexed by entity id; empty when there is no picture (the
    /// command line): then no position, the kind's colour, a size by mentions.
    pub looks: &'a [NodeLook],
    /// The entities written, indexed by entity id; empty: all.
    pub shown: &'a [bool],
    /// The relations written (edges only, both ends written), indexed by relation id; empty:
    /// all.
    pub shown_relations: &'a [bool],
    /// What was corrected by hand, one line per correction, indexed by entity id; empty: none.
    pub corrected: &'a [Vec<String>],
}

impl<'a> Picture<'a> {
    /// Everything of `x`, without positions.
    pub fn whole(x: &'a Extraction, ids: &'a StableIds, measures: &'a NodeMeasures) -> Self {
        Picture {
            x,
            ids,
            measures,
            looks: &[],
            shown: &[],
            shown_relations: &[],
            corrected: &[],
        }
    }

    fn nodes(&self) -> impl Iterator<Item = Node<'a>> + '_ {
        self.x
            .entities
            .iter()
            .filter(|e| self.shown.get(e.id.index()).copied().unwrap_or(true))
            .map(|e| self.node(e))
    }

    fn node(&self, e: &'a Entity) -> Node<'a> {
        let (importance, degree, community) = self.measures.of(e.id);
        let mut articles: Vec<ArticleId> = e.mentions.iter().map(|m| m.article).collect();
        articles.sort_unstable();
        articles.dedup();
        let first_date = articles
            .iter()
            .filter_map(|&a| self.x.article(a)?.date.as_deref())
            .min();
        let look = self.looks.get(e.id.index()).copied();
        Node {
            id: self.ids.entity(e.id).unwrap_or_default(),
            e,
            importance,
            degree,
            community,
            articles: articles.len(),
            first_date,
            corrected: (self.corrected.get(e.id.index()))
                .map_or_else(String::new, |c| c.join("; ")),
            look,
            rgb: look.map_or_else(|| rgb(Theme::NORMAL.kind(e.kind)), |l| l.rgb),
            size: look.map_or(3.0 + 2.2 * (e.mentions.len().max(1) as f32).sqrt(), |l| {
                l.size
            }),
        }
    }

    fn edges(&self) -> impl Iterator<Item = (&'a str, &'a Relation)> + '_ {
        let node_shown = |e: EntityId| self.shown.get(e.index()).copied().unwrap_or(true);
        self.x
            .edges()
            .filter(move |(i, r)| {
                self.shown_relations.get(i.index()).copied().unwrap_or(true)
                    && node_shown(r.source)
                    && node_shown(r.target)
            })
            .map(|(i, r)| (self.ids.relation(i).unwrap_or_default(), r))
    }

    fn end(&self, e: EntityId) -> &'a str {
        self.ids.entity(e).unwrap_or_default()
    }
}

/// One node as the exports write it.
struct Node<'a> {
    id: &'a str,
    e: &'a Entity,
    importance: f64,
    degree: u32,
    community: u32,
    /// Articles that mention it.
    articles: usize,
    /// The earliest date of those articles, where known (as written: ISO dates sort).
    first_date: Option<&'a str>,
    /// What was corrected by hand, `; ` between (empty: nothing).
    corrected: String,
    look: Option<NodeLook>,
    rgb: [u8; 3],
    size: f32,
}

/// The node attributes of GEXF and GraphML: id, title, GEXF type, GraphML type.
const NODE_ATTRIBUTES: [(&str, &str, &str); 9] = [
    ("kind", "string", "string"),
    ("mentions", "integer", "int"),
    ("aliases", "string", "string"),
    ("importance", "double", "double"),
    ("degree", "integer", "int"),
    ("community", "integer", "int"),
    ("articles", "integer", "int"),
    ("first_date", "string", "string"),
    ("corrected", "string", "string"),
];

/// The edge attributes: id, GEXF type, GraphML type (GraphML's `kind` key is `rkind`).
const EDGE_ATTRIBUTES: [(&str, &str, &str); 3] = [
    ("kind", "string", "string"),
    ("label", "string", "string"),
    ("evidence", "integer", "int"),
];

impl Node<'_> {
    /// The attribute values in [`NODE_ATTRIBUTES`] order, escaped for XML.
    fn values(&self) -> [String; 9] {
        [
            self.e.kind.as_str().to_owned(),
            self.e.mentions.len().to_string(),
            xml_escape(&self.e.aliases.join("|")),
            self.importance.to_string(),
            self.degree.to_string(),
            self.community.to_string(),
            self.articles.to_string(),
            xml_escape(self.first_date.unwrap_or("")),
            xml_escape(&self.corrected),
        ]
    }
}

fn edge_values(r: &Relation) -> [String; 3] {
    [
        r.kind.as_str().to_owned(),
        xml_escape(r.label.as_deref().unwrap_or("")),
        r.evidence.len().to_string(),
    ]
}

/// GEXF 1.3: nodes and edges by their stable ids, with kind, mentions, aliases, importance,
/// degree, community, articles and first date, and the picture: `viz:position` (the layout,
/// y up), `viz:color` (kind or community, as shown) and `viz:size`, so Gephi and Gephi Lite
/// open on the user's picture instead of laying the graph out again.
pub fn gexf(p: &Picture) -> String {
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n");
    o.push_str("  <meta><creator>guanxi</creator><description>entities and relations extracted from news</description></meta>\n");
    o.push_str("  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
    o.push_str("    <attributes class=\"node\">\n");
    for (id, ty, _) in NODE_ATTRIBUTES {
        let _ = writeln!(
            o,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>"
        );
    }
    o.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (id, ty, _) in EDGE_ATTRIBUTES {
        let _ = writeln!(
            o,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>"
        );
    }
    o.push_str("    </attributes>\n    <nodes>\n");
    write_nodes(
        &mut o,
        p,
        &NodeXml {
            open: |id, label| format!("      <node id=\"{id}\" label=\"{label}\"><attvalues>"),
            value: |id, v| format!("<attvalue for=\"{id}\" value=\"{v}\"/>"),
            values_end: "</attvalues>",
            position: |x, y| format!("<viz:position x=\"{x}\" y=\"{y}\" z=\"0\"/>"),
            close: |[r, g, b], size| {
                format!(
                    "<viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/><viz:size value=\"{size}\"/></node>"
                )
            },
        },
    );
    o.push_str("    </nodes>\n    <edges>\n");
    for (id, r) in p.edges() {
        let _ = write!(
            o,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\" label=\"{}\"><attvalues>",
            xml_escape(id),
            xml_escape(p.end(r.source)),
            xml_escape(p.end(r.target)),
            r.weight,
            r.kind.as_str(),
        );
        for ((id, _, _), v) in EDGE_ATTRIBUTES.iter().zip(edge_values(r)) {
            let _ = write!(o, "<attvalue for=\"{id}\" value=\"{v}\"/>");
        }
        o.push_str("</attvalues></edge>\n");
    }
    o.push_str("    </edges>\n  </graph>\n</gexf>\n");
    o
}

/// How an XML format writes one node: its opening tag (id and label escaped), one attribute
/// and what follows the last, the position (y up: the picture's y is down), and the colour and
/// size that close it.
struct NodeXml {
    open: fn(&str, &str) -> String,
    value: fn(&str, &str) -> String,
    values_end: &'static str,
    position: fn(f32, f32) -> String,
    close: fn([u8; 3], f32) -> String,
}

/// Writes every node of `p` in the format `f`, one a line.
fn write_nodes(o: &mut String, p: &Picture, f: &NodeXml) {
    for n in p.nodes() {
        o.push_str(&(f.open)(&xml_escape(n.id), &xml_escape(&n.e.label)));
        for ((id, _, _), v) in NODE_ATTRIBUTES.iter().zip(n.values()) {
            o.push_str(&(f.value)(id, &v));
        }
        o.push_str(f.values_end);
        if let Some(l) = n.look {
            o.push_str(&(f.position)(l.x, -l.y + 0.0));
        }
        o.push_str(&(f.close)(n.rgb, n.size));
        o.push('\n');
    }
}

/// GraphML with the GEXF's attributes as typed keys (label, kind, mentions, aliases,
/// importance, degree, community, articles, first date, and the picture's x, y, size and
/// colour where known; relation kind, label, evidence and weight), ids the stable ids.
pub fn graphml(p: &Picture) -> String {
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    let key = |o: &mut String, id: &str, for_: &str, name: &str, ty: &str| {
        let _ = writeln!(
            o,
            "  <key id=\"{id}\" for=\"{for_}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    };
    key(&mut o, "label", "node", "label", "string");
    for (id, _, ty) in NODE_ATTRIBUTES {
        key(&mut o, id, "node", id, ty);
    }
    for (id, ty) in [
        ("x", "double"),
        ("y", "double"),
        ("size", "double"),
        ("color", "string"),
    ] {
        key(&mut o, id, "node", id, ty);
    }
    key(&mut o, "rkind", "edge", "kind", "string");
    key(&mut o, "rlabel", "edge", "label", "string");
    key(&mut o, "evidence", "edge", "evidence", "int");
    key(&mut o, "weight", "edge", "weight", "double");
    o.push_str("  <graph id=\"guanxi\" edgedefault=\"directed\">\n");
    write_nodes(
        &mut o,
        p,
        &NodeXml {
            open: |id, label| format!("    <node id=\"{id}\"><data key=\"label\">{label}</data>"),
            value: |id, v| format!("<data key=\"{id}\">{v}</data>"),
            values_end: "",
            position: |x, y| format!("<data key=\"x\">{x}</data><data key=\"y\">{y}</data>"),
            close: |[r, g, b], size| {
                format!("<data key=\"size\">{size}</data><data key=\"color\">#{r:02x}{g:02x}{b:02x}</data></node>")
            },
        },
    );
    for (id, r) in p.edges() {
        let [kind, label, evidence] = edge_values(r);
        let _ = writeln!(
            o,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\"><data key=\"rkind\">{kind}</data><data key=\"rlabel\">{label}</data><data key=\"evidence\">{evidence}</data><data key=\"weight\">{}</data></edge>",
            xml_escape(id),
            xml_escape(p.end(r.source)),
            xml_escape(p.end(r.target)),
            r.weight
        );
    }
    o.push_str("  </graph>\n</graphml>\n");
    o
}

fn csv_field(s: &str) -> String {
    // Quote always; double inner quotes. A leading = + - @ would be a formula in Excel.
    let guarded = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// A CSV of [`csv`] with another header row (the same columns, named in another language).
pub fn with_header(csv: &str, header: &str) -> String {
    let body = csv.split_once("\r\n").map_or("", |(_, rest)| rest);
    format!("\u{feff}{header}\r\n{body}")
}

/// `(nodes.csv, edges.csv)`, each UTF-8 with a BOM so Excel reads the Chinese correctly; ids
/// are the stable ids.
pub fn csv(p: &Picture) -> (String, String) {
    let mut nodes = String::from(
        "\u{feff}id,label,kind,mentions,aliases,importance,degree,community,articles,first_date,corrected\r\n",
    );
    for n in p.nodes() {
        let _ = write!(
            nodes,
            "{},{},{},{},{},{},{},{},{},{},{}\r\n",
            csv_field(n.id),
            csv_field(&n.e.label),
            n.e.kind.as_str(),
            n.e.mentions.len(),
            csv_field(&n.e.aliases.join("|")),
            n.importance,
            n.degree,
            n.community,
            n.articles,
            csv_field(n.first_date.unwrap_or("")),
            csv_field(&n.corrected)
        );
    }
    let mut es = String::from(
        "\u{feff}id,source,target,source_label,target_label,kind,label,weight,evidence\r\n",
    );
    for (id, r) in p.edges() {
        let label = |id: EntityId| p.x.entity(id).map_or("", |e| e.label.as_str());
        let _ = write!(
            es,
            "{},{},{},{},{},{},{},{},{}\r\n",
            csv_field(id),
            csv_field(p.end(r.source)),
            csv_field(p.end(r.target)),
            csv_field(label(r.source)),
            csv_field(label(r.target)),
            r.kind.as_str(),
            csv_field(r.label.as_deref().unwrap_or("")),
            r.weight,
            r.evidence.len()
        );
    }
    (nodes, es)
}

/// The `extract` JSON document.
pub fn json(x: &Extraction) -> String {
    serde_json::to_string_pretty(x).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The `extract` JSON document with a `measures` member: `importance`, `degree` and
/// `community` arrays indexed by entity id (readers of the schema ignore it; the CLI
/// re-imports the document as is).
pub fn json_with(x: &Extraction, m: &NodeMeasures) -> String {
    let mut doc = match serde_json::to_value(x) {
        Ok(v) => v,
        Err(e) => return format!("{{\"error\":\"{e}\"}}"),
    };
    if let Some(obj) = doc.as_object_mut() {
        obj.insert(
            "measures".to_owned(),
            serde_json::json!({
                "importance": m.importance,
                "degree": m.degree,
                "community": m.community,
            }),
        );
    }
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::corpus::Draft;

    fn sample() -> Extraction {
        let d = Draft {
            title: "t".into(),
            authors: vec![],
            editors: Vec::new(),
            date: None,
            source: "s".into(),
            text: "河南省洛阳市栾川县“<script>alert(1)</script>”活动。王明说\"好\"。".into(),
        };
        crate::text::extract(vec![d], &crate::text::knowledge::testing::rules())
    }

    #[test]
    fn xml_formats_escape_and_count() {
        assert_eq!(
            xml_escape("<b a=\"1\" c='2'>北京&\u{1}</b>"),
            "&lt;b a=&quot;1&quot; c=&apos;2&apos;&gt;北京&amp;&lt;/b&gt;"
        );
        let mut x = sample();
        x.entities[0].label = "<img src=x onerror=alert(1)> & \"q\"".into();
        let m = NodeMeasures::default();
        let ids = StableIds::of(&x);
        let p = Picture::whole(&x, &ids, &m);
        for doc in [gexf(&p), graphml(&p)] {
            assert!(!doc.contains("<img"), "{doc}");
            assert!(doc.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;"));
            assert_eq!(doc.matches("<node ").count(), x.entities.len());
            assert_eq!(doc.matches("<edge ").count(), x.edges().count());
        }
    }

    #[test]
    fn csv_has_bom_quotes_and_formula_guard() {
        let mut x = sample();
        x.entities[0].label = "=HYPERLINK(\"x\")".into();
        let ids = StableIds::of(&x);
        let (nodes, es) = csv(&Picture::whole(&x, &ids, &NodeMeasures::default()));
        assert!(nodes.starts_with('\u{feff}') && es.starts_with('\u{feff}'));
        assert!(nodes.contains("\"'=HYPERLINK(\"\"x\"\")\""));
        assert_eq!(nodes.lines().count(), x.entities.len() + 1);
        assert_eq!(es.lines().count(), x.edges().count() + 1);
    }

    #[test]
    fn exports_carry_importance_degree_and_community() {
        let x = sample();
        let n = x.entities.len();
        let m = NodeMeasures {
            importance: (0..n).map(|i| i as f64 / 10.0).collect(),
            degree: (0..n as u32).collect(),
            community: (0..n as u32).map(|i| i % 2).collect(),
        };
        let ids = StableIds::of(&x);
        let p = Picture::whole(&x, &ids, &m);
        let g = gexf(&p);
        assert!(g.contains("<attribute id=\"importance\" title=\"importance\" type=\"double\"/>"));
        assert!(g.contains("<attvalue for=\"importance\" value=\"0.1\"/><attvalue for=\"degree\" value=\"1\"/><attvalue for=\"community\" value=\"1\"/>"));
        let gm = graphml(&p);
        assert!(gm.contains(
            "<key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>"
        ));
        assert!(gm.contains("<data key=\"degree\">1</data>"));
        let (nodes, _) = csv(&p);
        assert!(nodes
            .lines()
            .next()
            .unwrap()
            .ends_with(",importance,degree,community,articles,first_date,corrected"));
        assert!(nodes
            .lines()
            .nth(2)
            .unwrap()
            .ends_with(",0.1,1,1,1,\"\",\"\""));
        let j: serde_json::Value = serde_json::from_str(&json_with(&x, &m)).unwrap();
        assert_eq!(j["measures"]["degree"][1], 1);
        let back: Extraction = serde_json::from_str(&json_with(&x, &m)).unwrap();
        assert_eq!(back, x);
        // A view keeps the whole graph's values, renumbered.
        let keep = x.entities[0].id;
        let s = m.subset(&x, |e| e != keep);
        assert_eq!(s.degree, (1..n as u32).collect::<Vec<_>>());
    }

    /// Issue 18 item 7: the picture (positions, colours, sizes) and the attributes travel, and
    /// ids are the stable ids, the same in a filtered export.
    #[test]
    fn exports_keep_the_picture_and_stable_ids_filtered_or_not() {
        let mut x = sample();
        x.articles[0].date = Some("2023-05-06".into());
        let ids = StableIds::of(&x);
        let m = NodeMeasures::default();
        let looks: Vec<NodeLook> = (0..x.entities.len())
            .map(|i| NodeLook {
                x: i as f32 * 10.0,
                y: 5.0 - i as f32,
                rgb: [1, 2, i as u8],
                size: 4.5,
            })
            .collect();
        let whole = Picture {
            looks: &looks,
            ..Picture::whole(&x, &ids, &m)
        };
        let g = gexf(&whole);
        let first = ids.entity(EntityId(1)).unwrap();
        assert!(g.contains(&format!(
            "<node id=\"{first}\" label=\"{}\">",
            x.entities[1].label
        )));
        assert!(g.contains("<viz:position x=\"10\" y=\"-4\" z=\"0\"/><viz:color r=\"1\" g=\"2\" b=\"1\"/><viz:size value=\"4.5\"/>"), "{g}");
        assert!(g.contains("<attvalue for=\"articles\" value=\"1\"/><attvalue for=\"first_date\" value=\"2023-05-06\"/>"));
        let gm = graphml(&whole);
        assert!(gm.contains("<data key=\"x\">10</data><data key=\"y\">-4</data><data key=\"size\">4.5</data><data key=\"color\">#010201</data>"), "{gm}");
        assert!(gm.contains(&format!("<node id=\"{first}\">")));
        // Filtered: entity 0 left out, the rest keep their ids; its edges go with it.
        let shown: Vec<bool> = (0..x.entities.len()).map(|i| i != 0).collect();
        let view = Picture {
            shown: &shown,
            ..whole
        };
        for doc in [gexf(&view), graphml(&view)] {
            assert!(doc.contains(&format!("<node id=\"{first}\"")));
            assert!(!doc.contains(&format!(
                "<node id=\"{}\"",
                ids.entity(EntityId(0)).unwrap()
            )));
            assert!(!doc.contains("<node id=\"e") && !doc.contains("source=\"e"));
            let kept = x
                .edges()
                .filter(|(_, r)| r.source.0 != 0 && r.target.0 != 0)
                .count();
            assert_eq!(doc.matches("<edge ").count(), kept);
            for (i, r) in x
                .edges()
                .filter(|(_, r)| r.source.0 != 0 && r.target.0 != 0)
            {
                assert!(doc.contains(&format!(
                    "<edge id=\"{}\" source=\"{}\" target=\"{}\"",
                    ids.relation(i).unwrap(),
                    ids.entity(r.source).unwrap(),
                    ids.entity(r.target).unwrap()
                )));
            }
        }
        let (nodes, es) = csv(&view);
        assert_eq!(nodes.lines().count(), x.entities.len());
        assert!(nodes.contains(&format!("\"{first}\",")));
        assert!(es
            .lines()
            .skip(1)
            .all(|l| !l.starts_with("\"e") && !l.starts_with("\"r")));
    }

    #[test]
    fn json_round_trips_and_subsets_renumber() {
        let x = sample();
        let back: Extraction = serde_json::from_str(&json(&x)).unwrap();
        assert_eq!(back, x);
        let keep = x.entities[1].id;
        let s = subset(&x, |e| e != keep, |_| true);
        assert_eq!(s.entities.len(), x.entities.len() - 1);
        assert!(s
            .entities
            .iter()
            .enumerate()
            .all(|(i, e)| e.id.index() == i));
        assert!(s
            .relations
            .iter()
            .all(|r| r.source.index() < s.entities.len() && r.target.index() < s.entities.len()));
    }
}
