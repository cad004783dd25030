"""The span filter (kg.extract.spans): which spans can be entity names, one test per kind.

Docs are built with the tags the tagger gives these very sentences (checked on
en_core_web_sm), so each test shows one rule on the words that made it necessary.
"""

from __future__ import annotations

import spacy
from kg.extract.spans import (
    ends_in_participle,
    entity_spans,
    is_clause,
    is_concept_term,
    is_filler,
    is_lone_word,
    is_name_span,
    is_term,
    leading_name,
    scheme_label,
    split_known_end,
    splits_word,
    without_article,
)
from kg.extract.tags import TAG_TO_POS, base_form
from spacy.tokens import Doc, Span

NLP = spacy.blank("en")


def doc_of(tagged: str) -> Doc:
    """A Doc from 'word/TAG word/TAG …' lines, one sentence a line ('word/TAG+' is glued
    to the next word), with kg's coarse POS and base forms (extract.tags)."""
    words, tags, spaces, starts = [], [], [], []
    for line in tagged.strip().splitlines():
        for index, item in enumerate(line.split()):
            word, _, tag = item.rpartition("/")
            words.append(word)
            tags.append(tag.rstrip("+"))
            spaces.append(not tag.endswith("+"))
            starts.append(index == 0)
    doc = Doc(NLP.vocab, words=words, spaces=spaces, tags=tags, sent_starts=starts)
    for token in doc:
        token.pos_ = TAG_TO_POS[token.tag_]
        token.lemma_ = base_form(token.text, token.tag_)
    return doc


def span(doc: Doc, text: str, label: str = "Method") -> Span:
    """The first span of `doc` whose words are `text`."""
    words = text.split()
    for start in range(len(doc)):
        if [t.text for t in doc[start:start + len(words)]] == words:
            return Span(doc, start, start + len(words), label=label)
    raise AssertionError(f"{text!r} not in the doc")


def test_a_finite_verb_after_its_subject_makes_a_clause_not_a_name():
    doc = doc_of("""
        DLL/NNP leverages/NNS conic/JJ duality/NN and/CC ML/NNP models/NNS ./.
        MaMs/NNP support/VBP scalable/JJ training/NN of/IN large/JJ models/NNS ./.
        The/DT LSE/NNP term/NN forces/VBZ the/DT weights/NNS to/TO shrink/VB ./.
        We/PRP use/VBP a/DT module/NN to/TO learn/VB two/CD parameters/NNS ./.""")
    assert is_clause(span(doc, "DLL leverages conic duality"))
    assert is_clause(span(doc, "MaMs support scalable training"))
    assert is_clause(span(doc, "LSE term forces"))
    assert is_clause(span(doc, "module to learn two parameters"))
    assert not is_clause(span(doc, "ML models"))


def test_nouns_the_tagger_reads_as_verbs_stay_names():
    doc = doc_of("""
        Multi-person/NN pose/VBP estimation/NN is/VBZ hard/JJ ./.
        The/DT word/NN embeddings/VBZ are/VBP trained/VBN ./.""")
    assert not is_clause(span(doc, "Multi-person pose estimation"))
    assert not is_clause(span(doc, "word embeddings"))


def test_a_lone_adjective_or_generic_noun_is_no_name():
    doc = doc_of("""
        A/DT generative/JJ and/CC a/DT Riemannian/JJ method/NN beat/VBD Transformer/JJ ./.""")
    assert is_lone_word(span(doc, "generative"))
    assert is_lone_word(span(doc, "Riemannian"))
    assert is_lone_word(span(doc, "method"))
    assert not is_lone_word(span(doc, "Transformer"))  # a name the tagger reads as JJ


def test_articles_are_trimmed_and_other_determiners_and_pronouns_end_a_name():
    doc = doc_of("""
        The/DT Transformer/NNP and/CC this/DT method/NN and/CC our/PRP$ model/NN ./.
        I/PRP 3/CD D/NNP is/VBZ a/DT model/NN ./.""")
    assert without_article(span(doc, "The Transformer")).text == "Transformer"
    assert without_article(span(doc, "this method")) is None
    assert without_article(span(doc, "our model")) is None
    assert without_article(span(doc, "I 3 D")).text == "I 3 D"  # a name, not a pronoun


def test_properties_quantities_and_filler_are_no_entities():
    doc = doc_of("""
        computational/JJ cost/NN training/NN efficiency/NN inference/NN time/NN ./.
        numbers/NNS of/IN function/NN evaluations/NNS ./.
        memory/NN footprint/NN and/CC weight/NN decay/NN ./.""")
    for filler in ("computational cost", "training efficiency", "inference time",
                   "numbers of function evaluations", "memory footprint"):
        assert is_filler(span(doc, filler)), filler
    assert not is_filler(span(doc, "weight decay"))


def test_a_concept_is_a_term_not_an_activity_or_a_described_method():
    doc = doc_of("""
        hyperparameter/NN tuning/NN and/CC numerical/JJ simulations/NNS ./.
        offline/JJ optimizers/NNS ./.
        the/DT loss/NN landscape/NN and/CC boundary/NN conditions/NNS ./.
        an/DT implicit/JJ -/HYPH explicit/JJ scheme/NN ./.
        conditionally/RB strongly/RB log/NN -/HYPH concave/NN ./.""")
    for activity in ("hyperparameter tuning", "numerical simulations", "offline optimizers"):
        assert not is_concept_term(span(doc, activity, "Concept")), activity
    assert is_concept_term(span(doc, "loss landscape", "Concept"))
    assert is_concept_term(span(doc, "boundary conditions", "Concept"))
    assert not is_term(span(doc, "implicit - explicit"))
    values = doc_of("the/DT optimal/JJ batch/NN size/NN and/CC the/DT optimal/JJ rule/NN ./.")
    assert not is_concept_term(span(values, "optimal batch size", "Concept"))
    assert is_concept_term(span(values, "optimal rule", "Concept"))
    assert not is_term(span(doc, "conditionally strongly log - concave"))


def test_half_a_hyphenated_word_is_no_name():
    doc = doc_of("""
        a/DT sequential/JJ decision/NN+ -/HYPH+ making/NN problem/NN ./.
        CFG/NNP+ -/HYPH+ enhanced/VBN FIDs/NNS ./.""")
    assert splits_word(span(doc, "sequential decision"))
    assert not splits_word(span(doc, "CFG"))  # a name before a modifier stays


def test_the_filter_keeps_names_and_drops_the_rest_within_sentences():
    doc = doc_of("""
        DLL/NNP leverages/NNS conic/JJ duality/NN with/IN the/DT Transformer/NNP ./.
        A/DT generative/JJ model/NN is/VBZ Muon/NNP ./.
        It/PRP works/VBZ ./.""")
    doc.ents = [span(doc, "DLL leverages conic duality"), span(doc, "the Transformer"),
                span(doc, "generative"), span(doc, "Muon . It")]
    assert [(s.text, s.label_) for s in entity_spans(doc)] == [("Transformer", "Method")]


def test_a_method_described_not_named_is_no_entity():
    doc = doc_of("We/PRP compare/VBP a/DT retrieval/NN approach/NN and/CC a/DT generative/JJ "
                 "model/NN with/IN diffusion/NN models/NNS and/CC deep/JJ neural/JJ nets/NNS ./.")
    assert scheme_label(span(doc, "retrieval approach")) is None
    assert scheme_label(span(doc, "generative model")) is None
    assert scheme_label(span(doc, "deep neural nets")) is None
    assert scheme_label(span(doc, "diffusion models")) == "Method"  # a family


def test_a_mathematical_object_is_a_concept_unless_neural():
    doc = doc_of("The/DT Hessian/JJ matrix/NN of/IN the/DT loss/NN and/CC neural/JJ ordinary/JJ "
                 "differential/JJ equations/NNS are/VBP studied/VBN ./.")
    assert scheme_label(span(doc, "Hessian matrix")) == "Concept"
    assert scheme_label(span(doc, "neural ordinary differential equations")) == "Method"


def test_a_field_is_no_entity_and_a_task_noun_makes_a_task():
    doc = doc_of("We/PRP study/VBP symbolic/JJ regression/NN and/CC generative/JJ modeling/NN "
                 "for/IN tumor/NN growth/NN modeling/NN ./.")
    assert scheme_label(span(doc, "generative modeling")) is None
    assert scheme_label(span(doc, "symbolic regression")) == "Task"
    assert scheme_label(span(doc, "tumor growth modeling", "Task")) == "Task"


def test_a_task_is_headed_by_a_process_noun_and_more_than_a_bare_word():
    doc = doc_of("We/PRP address/VBP model/NN depth/NN ,/, regression/NN and/CC image/NN "
                 "generation/NN ./.")
    assert scheme_label(span(doc, "model depth", "Task")) is None
    assert scheme_label(span(doc, "regression", "Task")) is None
    assert scheme_label(span(doc, "image generation", "Task")) == "Task"


def test_a_name_followed_by_what_it_is_is_the_name():
    doc = doc_of("We/PRP use/VBP the/DT Gen/NNP probabilistic/JJ programming/NN system/NN "
                 "and/CC the/DT Lean/NNP 4/CD checker/NN ./.\n"
                 "Policy/NN optimization/NN methods/NNS work/VBP ./.\n"
                 "We/PRP use/VBP the/DT Pareto/NNP parameterization/NN ./.")
    assert leading_name(span(doc, "Gen probabilistic programming system")).text == "Gen"
    # Only words that are a name by themselves lose their head (names.names_a_thing).
    assert leading_name(span(doc, "Pareto parameterization")).text == "Pareto parameterization"
    assert leading_name(span(doc, "Lean 4 checker")).text == "Lean 4"
    assert leading_name(span(doc, "Policy optimization methods")).text == \
        "Policy optimization methods"  # a sentence's first word is no name
    assert scheme_label(span(doc, "Gen probabilistic programming system")) == "Method"


def test_a_name_starts_with_a_letter_or_digit_and_ends_in_no_participle():
    doc = doc_of("GPT-3/NNP Small/NNP on/IN WikiText-103/NNS (/-LRB- -0.4/: PPL/NNP )/-RRB- ./.\n"
                 "as/IN a/DT Gaussian/NNP parameterized/NN by/IN its/PRP$ mean/NN ./.")
    assert not is_name_span(span(doc, "-0.4 PPL"))
    assert is_name_span(span(doc, "PPL", "Metric"))
    assert ends_in_participle(span(doc, "Gaussian parameterized"))
    assert not is_name_span(span(doc, "Gaussian parameterized"))


def test_a_task_headed_by_a_technique_noun_is_a_method():
    doc = doc_of("We/PRP use/VBP the/DT Newton/NNP -/HYPH Schulz/NNP iteration/NN and/CC a/DT "
                 "simulation/NN -/HYPH free/JJ optimization/NN objective/NN ./.")
    assert scheme_label(span(doc, "Newton - Schulz iteration", "Task")) == "Method"
    assert scheme_label(span(doc, "Newton - Schulz iteration", "Dataset")) == "Method"
    # judged as a Method then: an objective is a mathematical object
    assert scheme_label(span(doc, "optimization objective", "Task")) == "Concept"


def test_a_science_or_generic_words_alone_are_no_concept():
    doc = doc_of("costly/JJ numerical/JJ relativity/NN simulations/NNS on/IN an/DT input/NN "
                 "sample/NN and/CC a/DT weight/NN parameter/NN in/IN weight/NN space/NN ,/, "
                 "not/RB style/NN transfer/NN ./.")
    assert not is_concept_term(span(doc, "numerical relativity", "Concept"))
    assert not is_concept_term(span(doc, "input sample", "Concept"))
    assert not is_concept_term(span(doc, "weight parameter", "Concept"))
    assert not is_concept_term(span(doc, "style transfer", "Concept"))  # an activity: a task
    assert is_concept_term(span(doc, "weight space", "Concept"))


def test_a_technique_noun_makes_a_method_and_a_plural_read_as_a_verb_is_still_a_head():
    doc = doc_of("We/PRP apply/VBP update/NN clipping/NN to/IN matrix/NN decomposition/NN "
                 "for/IN policy/NN optimization/NN algorithms/VBZ ./.")
    assert scheme_label(span(doc, "update clipping", "Concept")) == "Method"
    assert scheme_label(span(doc, "matrix decomposition", "Concept")) == "Method"
    assert scheme_label(span(doc, "policy optimization algorithms")) is None  # described


def test_a_name_ending_in_a_well_known_task_is_two_names():
    doc = doc_of("on/IN the/DT WMT/NNP 2014/CD English/NNP+ -/HYPH+ German/NNP machine/NN "
                 "translation/NN task/NN ./.")
    whole = span(doc, "WMT 2014 English - German machine translation", "Dataset")
    assert [(s.text, s.label_) for s in split_known_end(whole)] == [
        ("WMT 2014 English-German", "Dataset"), ("machine translation", "Task")]
    alone = span(doc, "machine translation", "Task")
    assert split_known_end(alone) == [alone]


def test_more_described_models_objects_and_problems():
    doc = doc_of("A/DT machine/NN learning/NN model/NN ,/, the/DT Lagrange/NNP multiplier/NN "
                 "and/CC a/DT non/JJ -/HYPH convex/JJ optimization/NN problem/NN ./.")
    assert scheme_label(span(doc, "machine learning model")) is None
    assert scheme_label(span(doc, "Lagrange multiplier")) == "Concept"
    assert scheme_label(span(doc, "non - convex optimization problem")) == "Task"


def test_a_name_never_ends_in_a_slash_or_a_comma():
    from kg.extract.names import is_acceptable_name
    assert not is_acceptable_name("Gaussian elimination /")
    assert not is_acceptable_name("Dirichlet,")
    assert is_acceptable_name("PFGM++")


def test_a_verb_between_nouns_or_an_adverb_first_makes_no_name():
    doc = doc_of("The/DT formulation/NN simplifies/VBZ generation/NN ./.\n"
                 "We/PRP proceed/VBP by/IN systematically/RB examining/VBG models/NNS ./.\n"
                 "both/CC CFG/RB+ -/HYPH+ enhanced/VBN FIDs/NNS ./.")
    assert is_clause(span(doc, "formulation simplifies generation"))
    assert not is_name_span(span(doc, "systematically examining", "Task"))
    assert is_name_span(span(doc, "CFG"))  # a name the tagger reads as an adverb stays
    layers = doc_of("two/CD fully/RB connected/VBN layers/NNS ./.")
    assert is_name_span(span(layers, "fully connected layers"))  # 'fully' makes a family


def test_a_hyphenated_first_word_is_judged_whole():
    doc = doc_of("large/JJ+ -/HYPH+ vocabulary/NN speech/NN recognition/NN and/CC "
                 "large/JJ+ -/HYPH+ scale/NN training/NN ./.")
    assert not is_filler(span(doc, "large - vocabulary speech recognition", "Task"))
    assert is_filler(span(doc, "large - scale training"))


def test_a_task_named_by_an_acronym_stays_a_task():
    doc = doc_of("We/PRP study/VBP instance/NN+ -/HYPH+ level/NN SBIR/NNP ./.")
    assert scheme_label(span(doc, "instance - level SBIR", "Task")) == "Task"


def test_operators_programs_and_measures_are_objects_not_methods():
    doc = doc_of("Koopman/NNP operators/NNS ,/, a/DT convex/JJ program/NN and/CC risk/NN "
                 "measures/NNS ./.")
    assert scheme_label(span(doc, "Koopman operators")) == "Concept"
    assert scheme_label(span(doc, "convex program")) == "Concept"
    assert scheme_label(span(doc, "risk measures")) == "Concept"


def test_a_span_starting_with_a_verb_or_ending_in_using_is_no_name():
    doc = doc_of("We/PRP derive/VB policy/NN gradient/NN ,/, complementary/JJ to/TO "
                 "stochastic/VB rounding/NN ,/, in/IN a/DT language/NN using/VBG it/PRP ./.")
    assert not is_name_span(span(doc, "derive policy gradient"))
    assert is_name_span(span(doc, "stochastic rounding"))
    assert not is_name_span(span(doc, "language using"))


def test_a_span_ending_in_a_verb_is_no_name():
    doc = doc_of("""
        As/IN AI/NNP workloads/NNS grow/VB ,/, MDLM/NNP requiring/VBG substantial/JJ compute/NN
        suffers/VBZ ./.
        Isolated-Policy/NNP training/VBG and/CC SVD/NNP factorizations/VBZ help/VBP ./.
    """)
    assert not is_name_span(span(doc, "AI workloads grow"))
    assert not is_name_span(span(doc, "MDLM requiring"))
    assert is_name_span(span(doc, "Isolated-Policy training"))  # no object after it
    assert is_name_span(span(doc, "SVD factorizations"))  # a plural the tagger calls VBZ


def test_a_lone_parameterization_is_no_name():
    doc = doc_of("The/DT parameterization/NN and/CC the/DT standard/JJ parameterization/NN ./.")
    assert is_lone_word(span(doc, "parameterization"))
    assert not is_lone_word(span(doc, "standard parameterization"))


def test_a_capitalized_vague_word_inside_a_sentence_is_part_of_a_name():
    doc = doc_of("""
        We/PRP use/VBP Faster/JJR R/NNP+ -/HYPH+ CNN/NNP for/IN faster/JJR convergence/NN ./.
        Faster/JJR convergence/NN follows/VBZ ./.""")
    assert not is_filler(span(doc, "Faster R - CNN"))
    assert is_filler(span(doc, "faster convergence"))
    assert is_filler(span(doc, "Faster convergence"))  # a sentence's first word


def test_a_model_praised_rather_than_named_is_no_entity():
    doc = doc_of("a/DT lightweight/JJ neural/JJ network/NN and/CC "
                 "compute/NN+ -/HYPH+ heavy/JJ backpropagation/NN ./.")
    assert is_filler(span(doc, "lightweight neural network"))
    assert is_filler(span(doc, "compute - heavy backpropagation"))


def test_properties_changes_and_activities_are_no_concept_but_theories_are():
    doc = doc_of("dynamical/JJ mean/JJ field/NN theory/NN ,/, sample/NN complexity/NN ,/, "
                 "geometrical/JJ variability/NN ,/, climate/NN change/NN ,/, robust/JJ "
                 "estimation/NN ,/, conditional/JJ generation/NN ,/, computational/JJ "
                 "complexity/NN ,/, multilinear/JJ algebra/NN ,/, Lie/NNP algebra/NN and/CC "
                 "a/DT convex/JJ relaxation/NN of/IN the/DT objective/NN function/NN ./.")
    for phrase in ("geometrical variability", "climate change", "robust estimation",
                   "conditional generation", "computational complexity", "multilinear algebra"):
        assert not is_concept_term(span(doc, phrase, "Concept")), phrase
    # docs/annotation.md: theories, objects and named quantities of the field are Concepts
    for phrase in ("dynamical mean field theory", "sample complexity", "Lie algebra",
                   "objective function"):
        assert is_concept_term(span(doc, phrase, "Concept")), phrase
    assert scheme_label(span(doc, "convex relaxation", "Concept")) == "Method"
    numbers = doc_of("in/IN 3.5/CD -/HYPH 7/CD ./.")
    assert not is_concept_term(span(numbers, "3.5 - 7", "Concept"))  # no word: no head
