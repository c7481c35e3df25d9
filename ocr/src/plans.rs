//! One parsed ONNX model and its compiled plans, one per input size, the least recently used dropped
//! past a cap.
//!
//! tract cannot analyse the PP-OCR models with a symbolic image size, so each size the pipeline uses is
//! a plan of its own, compiled on first use (about 60 ms natively) and kept.

use std::sync::Arc;

use tract_onnx::prelude::*;

use crate::OcrError;

pub type Plan = Arc<TypedRunnableModel>;

pub struct Model {
    name: &'static str,
    parsed: InferenceModel,
    plans: Vec<((usize, usize), Plan)>,
    cap: usize,
    /// Time spent compiling plans, all told.
    pub compile_time: std::time::Duration,
    /// Plans compiled, all told.
    pub compiled: usize,
}

impl Model {
    pub fn parse(name: &'static str, bytes: &[u8], cap: usize) -> Result<Model, OcrError> {
        let parsed = tract_onnx::onnx()
            .with_ignore_output_shapes(true)
            .with_ignore_value_info(true)
            .model_for_read(&mut &*bytes)
            .map_err(|e| OcrError::Model(format!("the {name} model cannot be loaded: {e}")))?;
        Ok(Model { name, parsed, plans: Vec::new(), cap, compile_time: Default::default(), compiled: 0 })
    }

    /// The plan for inputs of 1 × 3 × `height` × `width`, compiled now if it is not cached.
    pub fn plan(&mut self, height: usize, width: usize) -> Result<Plan, OcrError> {
        if let Some(i) = self.plans.iter().position(|(size, _)| *size == (height, width)) {
            let entry = self.plans.remove(i);
            let plan = entry.1.clone();
            self.plans.push(entry);
            return Ok(plan);
        }
        let start = crate::Stopwatch::start();
        let plan = self.compile(height, width)?;
        self.compile_time += start.elapsed();
        self.compiled += 1;
        if self.plans.len() >= self.cap {
            self.plans.remove(0);
        }
        self.plans.push(((height, width), plan.clone()));
        Ok(plan)
    }

    /// Types the model for the size and generates its code. The declutter passes that tract runs first
    /// by default (`into_optimized`) are skipped: on these models they took two thirds of a plan's
    /// compilation (83 of 133 ms for the detector natively) and the plans run as fast without them,
    /// with the same outputs; code generation runs its own local declutter.
    fn compile(&self, height: usize, width: usize) -> Result<Plan, OcrError> {
        let fact = f32::fact([1, 3, height, width]);
        self.parsed
            .clone()
            .with_input_fact(0, fact.into())
            .and_then(|m| m.into_typed())
            .and_then(|mut m| m.optimize().map(|()| m))
            .and_then(|m| m.into_runnable())
            .map_err(|e| {
                OcrError::Model(format!("the {} model cannot be compiled for {width} × {height}: {e}", self.name))
            })
    }

    /// The input sizes (height, width) whose plans are compiled and cached.
    pub fn cached_sizes(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.plans.iter().map(|(size, _)| *size)
    }

    /// Runs the plan for the input's size on a 1 × 3 × h × w tensor and returns the first output.
    pub fn run(&mut self, input: Tensor) -> Result<Tensor, OcrError> {
        let shape = input.shape().to_vec();
        let plan = self.plan(shape[2], shape[3])?;
        let mut outputs = plan
            .run(tvec!(input.into()))
            .map_err(|e| OcrError::Model(format!("the {} model failed: {e}", self.name)))?;
        if outputs.is_empty() {
            return Err(OcrError::Model(format!("the {} model gave no output", self.name)));
        }
        Ok(outputs.remove(0).into_tensor())
    }
}

/// A tensor's values as `f32`s.
pub fn floats<'a>(t: &'a Tensor, what: &str) -> Result<&'a [f32], OcrError> {
    t.try_as_plain_ram()
        .and_then(|view| view.as_slice::<f32>())
        .map_err(|e| OcrError::Model(format!("{what} is not a plain f32 tensor: {e}")))
}
