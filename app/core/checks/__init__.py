"""Check this model: the R1 paper's MATH-500 protocol run on a loaded model (any ``Engine``),
graded with math-verify, stored per model file and load so a run resumes and quantizations
compare. The top floor of the core: it uses r1 (presets, boxed answers), models and inference.
"""
