//! Deterministic force-directed layout: ForceAtlas2 forces (degree-weighted repulsion, linear
//! attraction, gravity, adaptive per-node speed) with Barnes–Hut repulsion over a quadtree.
//!
//! Everything lives in flat `Vec<f32>` arrays indexed by dense node index; no petgraph here.
//! The same input always gives the same picture: the initial positions come from a golden-angle
//! spiral in index order, and no step depends on time or randomness. Callers run [`Layout::step`]
//! in time slices and stop when [`Layout::converged`] says so.

/// An edge for the layout: node indices and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutEdge {
    /// One end.
    pub a: u32,
    /// Other end.
    pub b: u32,
    /// Attraction multiplier.
    pub weight: f32,
}

/// Settings, validated by [`Settings::validate`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Repulsion strength (FA2 `scalingRatio`).
    pub scaling: f32,
    /// Pull towards the centre.
    pub gravity: f32,
    /// Barnes–Hut opening angle; larger is faster and coarser.
    pub theta: f32,
    /// FA2 jitter tolerance.
    pub tolerance: f32,
    /// Stop after this many steps even if still moving.
    pub max_steps: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scaling: 10.0,
            gravity: 0.05,
            theta: 1.2,
            tolerance: 1.0,
            max_steps: 1500,
        }
    }
}

/// A rejected setting.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("layout setting {name} must be {rule}, got {value}")]
pub struct SettingsError {
    /// Which setting.
    pub name: &'static str,
    /// What it must be.
    pub rule: &'static str,
    /// What it was.
    pub value: f32,
}

impl Settings {
    /// Checks every field is finite and in range.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let check = |name, value: f32, ok: bool, rule| {
            if ok && value.is_finite() {
                Ok(())
            } else {
                Err(SettingsError { name, rule, value })
            }
        };
        check("scaling", self.scaling, self.scaling > 0.0, "> 0")?;
        check("gravity", self.gravity, self.gravity >= 0.0, ">= 0")?;
        check("theta", self.theta, self.theta >= 0.0, ">= 0")?;
        check("tolerance", self.tolerance, self.tolerance > 0.0, "> 0")
    }
}

/// A quadtree cell: either a leaf with one body, or an inner cell with four children.
#[derive(Clone, Copy, Debug)]
struct Cell {
    cx: f32,
    cy: f32,
    half: f32,
    mass: f32,
    mx: f32,
    my: f32,
    /// Index of the first of four children, or 0 for a leaf.
    child: u32,
    /// The body in a leaf, or `u32::MAX` for none.
    body: u32,
}

/// The layout state.
pub struct Layout {
    /// X positions, by node index.
    pub x: Vec<f32>,
    /// Y positions, by node index.
    pub y: Vec<f32>,
    /// Pinned nodes do not move (dragged by the user).
    pub pinned: Vec<bool>,
    mass: Vec<f32>,
    edges: Vec<LayoutEdge>,
    settings: Settings,
    fx: Vec<f32>,
    fy: Vec<f32>,
    old_fx: Vec<f32>,
    old_fy: Vec<f32>,
    speed: f32,
    speed_efficiency: f32,
    steps: u32,
    /// Mean displacement of the last step, relative to the layout's spread.
    last_motion: f32,
    calm_steps: u32,
    cells: Vec<Cell>,
    /// The step begun by [`Layout::step_part`]: the nodes whose repulsion is computed.
    repulsed: Option<usize>,
}

const GOLDEN_ANGLE: f32 = 2.399_963_1;

impl Layout {
    /// A layout of `n` nodes on a golden-angle spiral (deterministic), with `edges`.
    pub fn new(
        n: usize,
        edges: Vec<LayoutEdge>,
        settings: Settings,
    ) -> Result<Layout, SettingsError> {
        let (x, y) = (0..n)
            .map(|i| {
                let r = 10.0 * (i as f32 + 0.5).sqrt();
                let a = i as f32 * GOLDEN_ANGLE;
                (r * a.cos(), r * a.sin())
            })
            .unzip();
        Layout::with_positions(x, y, edges, settings)
    }

    /// A layout starting from given positions (the bench protocol supplies them).
    pub fn with_positions(
        x: Vec<f32>,
        y: Vec<f32>,
        edges: Vec<LayoutEdge>,
        settings: Settings,
    ) -> Result<Layout, SettingsError> {
        settings.validate()?;
        let n = x.len().min(y.len());
        let mut mass = vec![1.0f32; n];
        let edges: Vec<LayoutEdge> = edges
            .into_iter()
            .filter(|e| {
                (e.a as usize) < n && (e.b as usize) < n && e.a != e.b && e.weight.is_finite()
            })
            .collect();
        for e in &edges {
            mass[e.a as usize] += 1.0;
            mass[e.b as usize] += 1.0;
        }
        Ok(Layout {
            x,
            y,
            pinned: vec![false; n],
            mass,
            edges,
            settings,
            fx: vec![0.0; n],
            fy: vec![0.0; n],
            old_fx: vec![0.0; n],
            old_fy: vec![0.0; n],
            speed: 1.0,
            speed_efficiency: 1.0,
            steps: 0,
            last_motion: f32::INFINITY,
            calm_steps: 0,
            cells: Vec::new(),
            repulsed: None,
        })
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Steps run so far.
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// Whether the layout has settled (little motion for a while) or hit its step limit.
    pub fn converged(&self) -> bool {
        self.calm_steps >= 20 || self.steps >= self.settings.max_steps || self.len() < 2
    }

    /// Places the nodes where an earlier run of the same layout settled them and marks it
    /// converged (a picture prepared ahead of time). `false`, changing nothing, when the
    /// counts differ or a coordinate is not finite.
    pub fn restore_settled(&mut self, x: &[f32], y: &[f32]) -> bool {
        let ok = x.len() == self.len()
            && y.len() == self.len()
            && x.iter().chain(y).all(|v| v.is_finite());
        if ok {
            self.x.copy_from_slice(x);
            self.y.copy_from_slice(y);
            self.repulsed = None;
            self.calm_steps = 20;
            self.last_motion = 0.0;
        }
        ok
    }

    /// Marks the layout as moving again (after a drag), so a caller resumes stepping.
    pub fn wake(&mut self) {
        self.calm_steps = 0;
        self.steps = self.steps.min(self.settings.max_steps.saturating_sub(200));
    }

    /// Bounding box `(min_x, min_y, max_x, max_y)` of all nodes (zeros when empty).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        if self.is_empty() {
            return (0.0, 0.0, 0.0, 0.0);
        }
        let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (&x, &y) in self.x.iter().zip(&self.y) {
            b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
        }
        b
    }

    fn build_tree(&mut self) {
        self.cells.clear();
        let (x0, y0, x1, y1) = self.bounds();
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1.0) * 1.01;
        self.cells.push(Cell {
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            child: 0,
            body: u32::MAX,
        });
        for i in 0..self.len() {
            self.insert(i as u32);
        }
    }

    fn insert(&mut self, body: u32) {
        let (bx, by, bm) = (
            self.x[body as usize],
            self.y[body as usize],
            self.mass[body as usize],
        );
        let mut c = 0usize;
        let mut depth = 0;
        loop {
            let cell = self.cells[c];
            // Update the centre of mass on the way down.
            let m = cell.mass + bm;
            self.cells[c].mx = (cell.mx * cell.mass + bx * bm) / m;
            self.cells[c].my = (cell.my * cell.mass + by * bm) / m;
            self.cells[c].mass = m;
            if cell.child != 0 {
                c = cell.child as usize + quadrant(&cell, bx, by);
                depth += 1;
                continue;
            }
            if cell.body == u32::MAX {
                self.cells[c].body = body;
                return;
            }
            if depth > 40 {
                // Coincident points: keep them aggregated in this leaf.
                return;
            }
            // Split the leaf and push its old body down.
            let first = self.cells.len() as u32;
            let h = cell.half / 2.0;
            for q in 0..4 {
                self.cells.push(Cell {
                    cx: cell.cx + if q & 1 == 1 { h } else { -h },
                    cy: cell.cy + if q & 2 == 2 { h } else { -h },
                    half: h,
                    mass: 0.0,
                    mx: 0.0,
                    my: 0.0,
                    child: 0,
                    body: u32::MAX,
                });
            }
            let old = cell.body;
            self.cells[c].child = first;
            self.cells[c].body = u32::MAX;
            let (ox, oy, om) = (
                self.x[old as usize],
                self.y[old as usize],
                self.mass[old as usize],
            );
            let oc = first as usize + quadrant(&self.cells[c], ox, oy);
            self.cells[oc].body = old;
            self.cells[oc].mass = om;
            self.cells[oc].mx = ox;
            self.cells[oc].my = oy;
            c = first as usize + quadrant(&self.cells[c], bx, by);
            depth += 1;
        }
    }

    fn repulse(&mut self, i: usize) {
        let (x, y, m) = (self.x[i], self.y[i], self.mass[i]);
        let k = self.settings.scaling;
        let theta2 = self.settings.theta * self.settings.theta;
        let (mut fx, mut fy) = (0.0f32, 0.0f32);
        let mut stack: [u32; 256] = [0; 256];
        let mut sp = 1;
        while sp > 0 {
            sp -= 1;
            let cell = self.cells[stack[sp] as usize];
            if cell.mass == 0.0 || cell.body == i as u32 && cell.child == 0 {
                continue;
            }
            let dx = x - cell.mx;
            let dy = y - cell.my;
            let d2 = dx * dx + dy * dy;
            let size = cell.half * 2.0;
            if cell.child == 0 || size * size < theta2 * d2 {
                if d2 > 0.0 {
                    // FA2: F = k·m_i·m_j / d, along the unit vector → k·m·M·(dx,dy)/d².
                    let f = k * m * cell.mass / d2;
                    fx += dx * f;
                    fy += dy * f;
                }
            } else if sp + 4 <= stack.len() {
                for q in 0..4 {
                    stack[sp] = cell.child + q;
                    sp += 1;
                }
            }
        }
        self.fx[i] += fx;
        self.fy[i] += fy;
    }

    /// One iteration. Complexity: O(n log n + e).
    pub fn step(&mut self) {
        while !self.step_part(usize::MAX) {}
    }

    /// Part of an iteration, so that a large layout's step can be spread over several frames:
    /// the repulsion of at most `nodes` more nodes (the quadtree is built first, when a step
    /// begins), then, once every node's is computed, the rest of the step. Whether the step
    /// is complete. Steps taken this way move the nodes exactly as [`Layout::step`] does.
    pub fn step_part(&mut self, nodes: usize) -> bool {
        let n = self.len();
        if n == 0 {
            return true;
        }
        let from = match self.repulsed {
            Some(from) => from,
            None => {
                std::mem::swap(&mut self.fx, &mut self.old_fx);
                std::mem::swap(&mut self.fy, &mut self.old_fy);
                self.fx.iter_mut().for_each(|v| *v = 0.0);
                self.fy.iter_mut().for_each(|v| *v = 0.0);
                self.build_tree();
                0
            }
        };
        let to = from.saturating_add(nodes.max(1)).min(n);
        for i in from..to {
            self.repulse(i);
        }
        if to < n {
            self.repulsed = Some(to);
            return false;
        }
        self.repulsed = None;
        self.finish_step();
        true
    }

    /// Whether a step begun by [`Layout::step_part`] is not complete.
    pub fn mid_step(&self) -> bool {
        self.repulsed.is_some()
    }

    /// The step after every node's repulsion: attraction, gravity, speed, and the moves.
    fn finish_step(&mut self) {
        let n = self.len();
        for e in &self.edges {
            let (a, b) = (e.a as usize, e.b as usize);
            let dx = self.x[a] - self.x[b];
            let dy = self.y[a] - self.y[b];
            self.fx[a] -= dx * e.weight;
            self.fy[a] -= dy * e.weight;
            self.fx[b] += dx * e.weight;
            self.fy[b] += dy * e.weight;
        }
        let g = self.settings.gravity;
        for i in 0..n {
            // FA2 "strong gravity": linear in distance, so disconnected components (common in
            // news graphs) stay near the centre instead of drifting to the edge of the view.
            let f = g * self.mass[i];
            self.fx[i] -= self.x[i] * f;
            self.fy[i] -= self.y[i] * f;
        }
        // FA2 adaptive speed from global swinging and traction.
        let (mut swing, mut traction) = (0.0f32, 0.0f32);
        for i in 0..n {
            let sx = self.fx[i] - self.old_fx[i];
            let sy = self.fy[i] - self.old_fy[i];
            let tx = self.fx[i] + self.old_fx[i];
            let ty = self.fy[i] + self.old_fy[i];
            swing += self.mass[i] * (sx * sx + sy * sy).sqrt();
            traction += self.mass[i] * 0.5 * (tx * tx + ty * ty).sqrt();
        }
        // graphology's ForceAtlas2 speed rule (iterate.js), so results are comparable.
        let estimated = 0.05 * (n as f32).sqrt();
        let mut jt = self.settings.tolerance
            * estimated
                .sqrt()
                .max((estimated * traction / (n * n) as f32).min(10.0));
        if traction > 0.0 && swing / traction > 2.0 {
            self.speed_efficiency = (self.speed_efficiency * 0.5).max(0.05);
            jt = jt.max(self.settings.tolerance);
        }
        let target = if swing > 0.0 {
            jt * self.speed_efficiency * traction / swing
        } else {
            self.speed
        };
        if swing > jt * traction {
            self.speed_efficiency = (self.speed_efficiency * 0.7).max(0.05);
        } else if self.speed < 1000.0 {
            self.speed_efficiency *= 1.3;
        }
        self.speed += (target - self.speed).min(0.5 * self.speed);
        let mut moved = 0.0f32;
        for i in 0..n {
            if self.pinned[i] {
                continue;
            }
            let sx = self.fx[i] - self.old_fx[i];
            let sy = self.fy[i] - self.old_fy[i];
            let node_swing = self.mass[i] * (sx * sx + sy * sy).sqrt();
            let f = self.speed / (1.0 + (self.speed * node_swing).sqrt());
            let (mut dx, mut dy) = (self.fx[i] * f, self.fy[i] * f);
            // Never jump further than a fraction of the layout (keeps early steps sane).
            let len = (dx * dx + dy * dy).sqrt();
            let cap = 10.0 + 2.0 * (n as f32).sqrt();
            if len > cap {
                dx *= cap / len;
                dy *= cap / len;
            }
            if dx.is_finite() && dy.is_finite() {
                self.x[i] += dx;
                self.y[i] += dy;
                moved += (dx * dx + dy * dy).sqrt();
            }
        }
        let (x0, y0, x1, y1) = self.bounds();
        let spread = (x1 - x0).max(y1 - y0).max(1.0);
        self.last_motion = moved / n as f32 / spread;
        if self.last_motion < 0.0005 {
            self.calm_steps += 1;
        } else {
            self.calm_steps = 0;
        }
        self.steps += 1;
    }

    /// Mean motion of the last step as a fraction of the layout's size.
    pub fn last_motion(&self) -> f32 {
        self.last_motion
    }

    /// Moves a node (a drag) and pins it there.
    pub fn pin(&mut self, i: usize, x: f32, y: f32) {
        if i < self.len() && x.is_finite() && y.is_finite() {
            self.x[i] = x;
            self.y[i] = y;
            self.pinned[i] = true;
        }
    }
}

fn quadrant(cell: &Cell, x: f32, y: f32) -> usize {
    (x >= cell.cx) as usize | (((y >= cell.cy) as usize) << 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(n: u32) -> Vec<LayoutEdge> {
        (0..n)
            .map(|i| LayoutEdge {
                a: i,
                b: (i + 1) % n,
                weight: 1.0,
            })
            .collect()
    }

    fn run(l: &mut Layout) {
        while !l.converged() {
            l.step();
        }
    }

    #[test]
    fn converges_and_is_deterministic() {
        let mut a = Layout::new(60, ring(60), Settings::default()).unwrap();
        let mut b = Layout::new(60, ring(60), Settings::default()).unwrap();
        run(&mut a);
        run(&mut b);
        assert!(
            a.steps() < Settings::default().max_steps,
            "did not settle: {}",
            a.last_motion()
        );
        assert_eq!(a.x, b.x);
        assert_eq!(a.y, b.y);
        assert!(a.x.iter().chain(&a.y).all(|v| v.is_finite()));
    }

    #[test]
    fn connected_nodes_end_closer_than_unconnected() {
        // Two cliques joined by nothing: members of a clique sit closer to each other.
        let mut edges = Vec::new();
        for c in 0..2u32 {
            for i in 0..6 {
                for j in i + 1..6 {
                    edges.push(LayoutEdge {
                        a: c * 6 + i,
                        b: c * 6 + j,
                        weight: 1.0,
                    });
                }
            }
        }
        let mut l = Layout::new(12, edges, Settings::default()).unwrap();
        run(&mut l);
        let d = |i: usize, j: usize| ((l.x[i] - l.x[j]).powi(2) + (l.y[i] - l.y[j]).powi(2)).sqrt();
        let within: f32 = (1..6).map(|j| d(0, j)).sum::<f32>() / 5.0;
        let across: f32 = (6..12).map(|j| d(0, j)).sum::<f32>() / 6.0;
        assert!(within < across, "within {within} across {across}");
    }

    #[test]
    fn pinned_nodes_stay() {
        let mut l = Layout::new(10, ring(10), Settings::default()).unwrap();
        l.pin(3, 100.0, -50.0);
        for _ in 0..30 {
            l.step();
        }
        assert_eq!((l.x[3], l.y[3]), (100.0, -50.0));
    }

    #[test]
    fn rejects_bad_settings_and_edges() {
        let bad = Settings {
            theta: f32::NAN,
            ..Settings::default()
        };
        assert!(Layout::new(3, vec![], bad).is_err());
        let l = Layout::new(
            2,
            vec![LayoutEdge {
                a: 0,
                b: 9,
                weight: 1.0,
            }],
            Settings::default(),
        )
        .unwrap();
        assert_eq!(l.edges.len(), 0);
        let mut empty = Layout::new(0, vec![], Settings::default()).unwrap();
        empty.step();
        assert!(empty.converged());
    }

    #[test]
    fn coincident_points_do_not_hang() {
        let mut l =
            Layout::with_positions(vec![1.0; 50], vec![1.0; 50], vec![], Settings::default())
                .unwrap();
        for _ in 0..5 {
            l.step();
        }
        assert!(l.x.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn steps_in_parts_move_the_nodes_exactly_as_whole_steps() {
        let edges = ring(200);
        let mut whole = Layout::new(200, edges.clone(), Settings::default()).unwrap();
        let mut parts = Layout::new(200, edges, Settings::default()).unwrap();
        for _ in 0..25 {
            whole.step();
            let mut calls = 1;
            while !parts.step_part(37) {
                calls += 1;
                assert!(parts.mid_step());
            }
            // 200 nodes in parts of 37: six calls, the last finishing the step.
            assert_eq!(calls, 6);
            assert!(!parts.mid_step());
        }
        assert_eq!(whole.steps(), parts.steps());
        assert_eq!((whole.x, whole.y), (parts.x, parts.y));
    }
}
