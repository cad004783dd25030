"""Well-known names of the field, by type.

A gazetteer types names the extractor meets often; it is not how names are
found: names never listed here are found by their shape and context
(see `extract.candidates`). Each entry may give aliases after '|'. The blocks below are
written by hand; learned_terms.tsv adds the common terms annotators of kg's training
abstracts typed nearly every time they met them, and the names they passed over nearly
every time, which are no entities (scripts/learn_terms writes it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from kg.extract.tags import singular

from kg.model import CONCEPT, DATASET, METHOD, METRIC, TASK, name_key

METHODS = """
Adam | Adam optimizer
AdamW
Adagrad
Adafactor
RMSProp | RMSprop
SGD | stochastic gradient descent
Nesterov momentum
Shampoo
SOAP
Lion
LAMB
LARS
Sophia
Muon
K-FAC | KFAC
L-BFGS
Newton-Schulz
Transformer | transformer
Vision Transformer | ViT
BERT
RoBERTa
GPT-2
GPT-3
GPT-4
GPT-4o
ChatGPT
T5
LLaMA | Llama
Llama 2 | Llama-2
Llama 3 | Llama-3
Mistral
Mixtral
Qwen
Gemma
Claude
Gemini
CLIP
DINO
DINOv2
ResNet
U-Net | UNet
VGG
AlexNet
LSTM | long short-term memory
GRU
GCN | graph convolutional network
GAT | graph attention network
DDPM
DDIM
DPM-Solver
Stable Diffusion
Flow Matching
Rectified Flow
NeRF
Gaussian Splatting | 3D Gaussian Splatting | 3DGS
LoRA | low-rank adaptation
QLoRA
DoRA
PPO | proximal policy optimization
DPO | direct preference optimization
RLHF | reinforcement learning from human feedback
GRPO
TRPO
DQN
SAC | soft actor-critic
REINFORCE
MCTS | Monte Carlo tree search
Mamba
S4
RWKV
FlashAttention
Chain-of-Thought | CoT | chain of thought
Dropout
Batch Normalization | BatchNorm
Layer Normalization | LayerNorm
RMSNorm
k-means
XGBoost
Random Forest
word2vec
Hyperband
nucleus sampling | top-p sampling
beam search
task arithmetic
model soups
muP | μP | maximal update parametrization
"""

DATASETS = """
ImageNet | ImageNet-1K | ImageNet-1k
ImageNet-21K
CIFAR-10 | CIFAR10
CIFAR-100 | CIFAR100
MNIST
Fashion-MNIST
SVHN
CelebA
FFHQ
LSUN
MS COCO | COCO
Pascal VOC
ADE20K
Cityscapes
Kinetics
LAION
LAION-5B
C4
The Pile | Pile
OpenWebText
WikiText-103 | WikiText
FineWeb
FineWeb-Edu
SlimPajama
RedPajama
Penn Treebank | PTB
GLUE
SuperGLUE
SQuAD
MMLU
GSM8K
MATH
HumanEval
MBPP
BIG-bench | BBH
HellaSwag
ARC
PIQA
WinoGrande
TruthfulQA
SWE-bench
LibriSpeech
WMT
D4RL
Atari
MuJoCo
OGB
QM9
ShapeNet
ModelNet40
KITTI
nuScenes
UCI
ETTh1
ETTh2
ETTm1
ETTm2
MIMIC-III
MIMIC-IV
MIMIC-CXR
CheXpert
ChestX-ray14
BraTS
UK Biobank
MultiNLI | MNLI | Multi-Genre Natural Language Inference
XNLI
SST-2 | SST2
CoNLL-2003
OntoNotes
IMDb
AG News
TriviaQA
HotpotQA
MS MARCO
BEIR
GPQA
MMLU-Pro
MATH-500
LiveCodeBench
MT-Bench
AlpacaEval
LongBench
MMMU
MathVista
ScienceQA
DocVQA
ChartQA
TextVQA
VQAv2
RefCOCO
Flickr30k
Objects365
Places365
iNaturalist
CUB-200-2011
Stanford Cars
Food-101
DomainNet
Office-Home
VTAB
UCF101
HMDB51
Something-Something V2
AudioSet
VoxCeleb
LJSpeech
TIMIT
ScanNet
Objaverse
Tanks and Temples
CelebA-HQ
AFHQ
Waymo Open Dataset
Argoverse
BDD100K
ProcGen | Procgen
ALFWorld
WebShop
WebArena
OSWorld
AndroidWorld
SWE-bench Verified
BoolQ
PubMedQA
PCQM4M
ogbn-arxiv
WeatherBench
ERA5
METR-LA
PEMS-BAY
Dolma
UltraFeedback
HH-RLHF
RealToxicityPrompts
ToxiGen
CNN/DailyMail
XSum
MultiWOZ
FLORES-200 | FLORES
"""

METRICS = """
accuracy
top-1 accuracy
F1 | F1 score
recall
BLEU
ROUGE
perplexity
FID | Fréchet Inception Distance
Inception Score | IS
PSNR
SSIM
LPIPS
AUC | AUROC | ROC-AUC
mean squared error | MSE
mean absolute error | MAE
RMSE | root mean squared error
mAP | mean average precision
IoU | intersection over union
Dice score | Dice
pass@1 | pass@k
win rate
exact match
negative log-likelihood | NLL
word error rate | WER
regret
bits per dimension | bits-per-dim | BPD
wall-clock time
KL divergence | KL | Kullback-Leibler divergence
top-5 accuracy
error rate
character error rate | CER
average precision
BLEU score
chrF
METEOR
CIDEr
COMET
mean reciprocal rank | MRR
NDCG
expected calibration error | ECE
success rate
equal error rate | EER
Chamfer distance
optimality gap
Spearman correlation
Pearson correlation
mIoU | mean intersection over union
BERTScore
CLIPScore | CLIP score
Brier score
ROUGE-L
"""

# Named tasks, never a bare process noun ("retrieval", "summarization"): docs/annotation.md.
TASKS = """
image classification
object detection
semantic segmentation
image segmentation
instance segmentation
language modeling | language modelling
machine translation
question answering
text classification
sentiment analysis
text summarization
speech recognition
image generation
text-to-image generation
video generation
image captioning
named entity recognition
code generation
mathematical reasoning
time series forecasting
anomaly detection
link prediction
node classification
graph classification
information retrieval
imitation learning
domain adaptation
continual learning
few-shot learning
zero-shot learning
density estimation
image restoration
super-resolution
image inpainting
pose estimation
depth estimation
novel view synthesis
3D reconstruction
image synthesis
text-to-image synthesis
next-token prediction
symbolic regression
operator learning
model merging
surface reconstruction
isosurface extraction
black-box optimization
offline optimization
combinatorial optimization
hyperparameter optimization
video prediction
object tracking
action recognition
visual question answering | VQA
natural language inference | NLI
reading comprehension
dialogue generation
program synthesis
theorem proving
protein structure prediction
molecule generation
weather forecasting
traffic forecasting
time series classification
time series imputation
causal discovery
matrix completion
compressed sensing
phase retrieval
blind deconvolution
image denoising
image deblurring
image editing
style transfer
text-to-speech
speaker verification
music generation
semantic parsing
relation extraction
entity linking
coreference resolution
part-of-speech tagging
dependency parsing
word sense disambiguation
fact verification
out-of-distribution detection | OOD detection
"""

# Model families and generic techniques, used as methods (docs/annotation.md: Method).
FAMILIES = """
LLM | large language model
VLM | vision-language model
LM | language model
CNN | convolutional neural network
GNN | graph neural network
GAN | generative adversarial network
VAE | variational autoencoder
MLP | multilayer perceptron | multi-layer perceptron
MoE | mixture of experts | mixture-of-experts
PINN | physics-informed neural network
weight decay
Gaussian process
PCA | principal component analysis
SVD | singular value decomposition
Bayesian optimization
gradient descent
stochastic gradient descent
dropout
optimal transport
normalizing flow | normalising flow
MLE | maximum likelihood estimation | maximum likelihood
variational inference
policy gradient
backpropagation
Monte Carlo method | Monte Carlo | Monte-Carlo
evolution strategy | evolution strategies
boosting
diffusion model
RNN | recurrent neural network
neural operator
state space model
reinforcement learning
autoregressive model | auto-regressive model
foundation model
energy-based model
latent diffusion model | LDM
consistency model
autoencoder | auto-encoder
hypernetwork
Bayesian neural network
neural ODE | neural ordinary differential equation
Fourier neural operator | FNO
DeepONet
fine-tuning | finetuning | fine tuning
full fine-tuning
parameter-efficient fine-tuning | PEFT
instruction tuning
prompt tuning
in-context learning
contrastive learning
self-supervised learning
semi-supervised learning
transfer learning
meta-learning | meta learning
multi-task learning
curriculum learning
knowledge distillation
data augmentation
early stopping
gradient clipping
gradient checkpointing
mixed-precision training | mixed precision training
label smoothing
parameter sharing | weight sharing
self-attention
cross-attention
multi-head attention
attention mechanism
residual connection | skip connection
rotary position embedding | RoPE
retrieval-augmented generation | RAG
classifier-free guidance
speculative decoding
greedy decoding
quantization-aware training
post-training quantization
vector quantization
neural architecture search
message passing neural network | MPNN
Newton's method | Newton method | Newton-Raphson | Newton-Raphson method
quasi-Newton method
conjugate gradient
coordinate descent
mirror descent
proximal gradient method
ADMM | alternating direction method of multipliers
Frank-Wolfe | Frank-Wolfe algorithm
interior-point method
simulated annealing
genetic algorithm
tabu search
Gibbs sampling
Metropolis-Hastings
MCMC | Markov chain Monte Carlo
Hamiltonian Monte Carlo | HMC
Langevin dynamics
importance sampling
expectation maximization | expectation-maximization | EM algorithm
Laplace approximation
actor-critic
Q-learning
temporal difference learning
behavior cloning | behavioral cloning
model predictive control | MPC
Kalman filter
particle filter
support vector machine | SVM
logistic regression
linear regression
ridge regression
lasso
k-nearest neighbors | k-nearest neighbor | kNN | k-NN
decision tree
gradient boosting
Gaussian mixture model | GMM
hidden Markov model | HMM
conditional random field | CRF
multigrid | multigrid method
finite element method | FEM
finite difference method
Cholesky decomposition
QR decomposition
LU decomposition
eigendecomposition | eigenvalue decomposition
Lanczos algorithm | Lanczos method
power iteration | power method
least squares | linear least squares
Rayleigh-Ritz method
"""

# Terms of the field that are no method, data set, task or measure.
CONCEPTS = """
PDE | partial differential equation
ODE | ordinary differential equation
SDE | stochastic differential equation
OOD | out-of-distribution
FP8
FP16
BF16
FP32
INT8
"""

# Words of every abstract that name nothing in particular: never entities.
NOT_ENTITIES = frozenset(name_key(name) for name in (
    "AI", "artificial intelligence", "ML", "machine learning", "DNN", "deep neural network",
    "NN", "neural network",
    # Research fields are no method or task (docs/annotation.md).
    "deep learning", "DL", "computer vision", "NLP", "natural language processing",
    "signal processing", "image processing", "speech processing", "data mining",
    "representation learning", "graph learning", "robotics", "bioinformatics",
    "GPU", "CPU", "TPU", "API", "SOTA", "state of the art",
    "FLOP", "FLOPs",  # a quantity of compute, no metric (docs/annotation.md)
    # Organizations and hardware name who made or ran something, never a method.
    "NVIDIA", "Google", "OpenAI", "Meta", "Microsoft", "DeepMind", "Google DeepMind",
    "Anthropic", "Apple", "Amazon", "IBM", "Intel", "AMD", "Huawei", "Alibaba", "Baidu",
    "Tencent", "ByteDance", "NASA", "A100", "H100", "H800", "V100",
    # Where code is kept ('code is available on GitHub'); arXiv stays, a data set too.
    "GitHub", "GitLab",
    # Venues without a year ('accepted at NeurIPS'); not those a method or data set may be
    # named like (ACL, KDD, SODA, COLT, UAI, 'the NIPS dataset', 'the AAAI dataset').
    "NeurIPS", "ICML", "ICLR", "CVPR", "ICCV", "ECCV", "EMNLP", "NAACL", "COLING", "IJCAI",
    "SIGIR", "AISTATS", "MICCAI", "ICASSP", "Interspeech"))

# Where and when a paper appeared ('Price and Xun (FOCS 2024)', 'ACL 2024'): a citation;
# not a data set named so ('KDD2010', "KDD'99").
VENUE_YEAR = re.compile(r"(?:NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|COLING|AAAI|"
                        r"IJCAI|KDD|SIGIR|WWW|FOCS|STOC|SODA|COLT|AISTATS|UAI|MICCAI|"
                        r"ICASSP|INTERSPEECH|Interspeech) (?:19|20)?\d\d")

LISTED = {METHOD: METHODS + FAMILIES, DATASET: DATASETS, METRIC: METRICS, TASK: TASKS,
          CONCEPT: CONCEPTS}
LEARNED_TERMS = Path(__file__).parent / "learned_terms.tsv"


# The type of a name annotators passed over: no entity.
PASSED = "None"


def learned_blocks(path: Path = LEARNED_TERMS) -> dict[str, str]:
    """The learned terms ('Type<TAB>name' lines) as blocks like the listed ones, and the
    names passed over ('None<TAB>name') as a block of type PASSED.

    Raises ModelNotInstalled naming the file and line of a line that is no type and name.
    """
    from kg.extract import ModelNotInstalled
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise ModelNotInstalled(f"{path}: kg's learned terms are damaged ({error.reason}): "
                                "reinstall kg") from None
    blocks: defaultdict[str, str] = defaultdict(str)
    for number, line in enumerate(lines, 1):
        fields = line.split("\t")
        if len(fields) != 2 or fields[0] not in {*LISTED, PASSED} or not fields[1].strip() or \
                "|" in fields[1]:
            if not line.strip():
                continue
            raise ModelNotInstalled(f"{path}:{number}: kg's learned terms are damaged (a line "
                                    "is a type, a tab and a name): reinstall kg")
        blocks[fields[0]] += f"{fields[1]}\n"
    return blocks


LEARNED = learned_blocks()
PASSED_OVER = frozenset(LEARNED.pop(PASSED, "").splitlines())


def lines(block: str) -> list[str]:
    """A block's entries, one a line; blank lines (where two blocks meet) are none: an
    empty name would match every lone 's' as its plural."""
    return [line for line in block.splitlines() if line.strip()]


def table(blocks: dict[str, str]) -> dict[str, tuple[str, str]]:
    """name key -> (type, canonical name), for every name and alias of the blocks."""
    found: dict[str, tuple[str, str]] = {}
    for label, block in blocks.items():
        for line in lines(block):
            names = [name.strip() for name in line.split("|")]
            for name in names:
                found.setdefault(name_key(name), (label, names[0]))
    return found


@cache
def listed() -> dict[str, tuple[str, str]]:
    """`entries` of the hand-written blocks alone."""
    return table(LISTED)


@cache
def entries() -> dict[str, tuple[str, str]]:
    """name key -> (type, canonical name), for every name listed or learned; a listed
    name wins over a learned one of the same key, whatever their types."""
    return {**table(LEARNED), **listed()}


def is_everyday(name: str) -> bool:
    key = name_key(name)
    return key in NOT_ENTITIES or key.removesuffix("s") in NOT_ENTITIES


def is_entity(name: str) -> bool:
    """False for the field's everyday words (`is_everyday_name`) and for names annotators
    passed over ('LiDAR', 'Human-AI')."""
    return not is_everyday_name(name) and not is_passed_over(name)


def is_passed_over(name: str) -> bool:
    """Did annotators of kg's training abstracts pass the name over (learned_terms.tsv)?"""
    return passed_key(name) in PASSED_OVER


def passed_key(name: str) -> str:
    """How a passed-over name is looked up: `written_form` with a capitalized word (or part
    of one) in lower case ('Human-AI' -> 'human-AI', 'Vision Transformers' -> 'vision
    transformer'), so that 'LiDAR', 'CLIP' and 'mAP' keep their case."""
    return written_form(" ".join("-".join(part[:1].lower() + part[1:]
                                          if part[:1].isupper() and part[1:].islower() else part
                                          for part in word.split("-"))
                                 for word in name.split()))


def is_everyday_name(name: str) -> bool:
    """The field's everyday words that name nothing in particular ('SOTA', 'ML'), alone or
    together ('NVIDIA H800 GPUs'), and a venue with its year."""
    return not is_entity_words(name.split()) or is_everyday(name) or \
        VENUE_YEAR.fullmatch(name) is not None


def written_form(name: str) -> str:
    """The name as written, its last word singular: 'LLMs' -> 'LLM', 'vision transformers'
    -> 'vision transformer' ('Transformers' stays: a capitalized word may be a name)."""
    words = name.split()
    if words and words[-1].isalpha() and words[-1].islower():
        words[-1] = singular(words[-1])
    elif words and re.fullmatch(r"[A-Z]+s", words[-1]):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def is_entity_words(words: list[str]) -> bool:
    return not words or not all(is_everyday(word) for word in words)


def lookup(name: str) -> tuple[str, str] | None:
    """(type, canonical name) of a well-known name, singular or plural, or None."""
    return find(entries(), name)


def find(names: dict[str, tuple[str, str]], name: str) -> tuple[str, str] | None:
    """`lookup` in a table of names (`table`)."""
    key = name_key(name)
    words = name.split()
    one = name_key(" ".join([*words[:-1], singular(words[-1])])) if words else key
    return names.get(key) or names.get(one) or \
        (names.get(key[:-1]) if key.endswith("s") else None)


def lookup_base(name: str) -> tuple[str, str] | None:
    """The entry a versioned or sized name is a form of: 'SQuAD v1.1' -> SQuAD."""
    parts = re.split(r"(?<=\w)[\s\-/](?=\w)", name)
    for end in range(len(parts) - 1, 0, -1):
        known = lookup(" ".join(parts[:end]))
        if known:
            return known
    return None


def phrases() -> list[str]:
    """Every listed or learned name and alias, for phrase matching in text."""
    return [name.strip() for block in [*LISTED.values(), *LEARNED.values()]
            for line in lines(block) for name in line.split("|")]
