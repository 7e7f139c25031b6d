import { trainingCurvesFigure } from "./fig09TrainingCurves.js";
import { factorProfileFigure } from "./fig10GenderProfile.js";
import { ageProfileFigure } from "./fig11AgeProfile.js";
import { archetypeScoresFigure } from "./fig12ArchetypeScores.js";
import { accuracyVsNFigure } from "./fig13AccuracyVsN.js";
import { classifiersFigure } from "./fig14Classifiers.js";
import { fairnessTradeoffFigure } from "./fig15FairnessTradeoff.js";
import { itemGenreProfileFigure } from "./figItemGenreProfile.js";
import type { FigureDefinition } from "./figureDefinition.js";
import type { ResultsDocument } from "./resultsDocument.js";

/**
 * Every figure the document has numbers for, in the paper's order: Fig. 9 always; Fig. 10
 * per attribute profile (gender first, as in the paper); Fig. 11 when gender and age are
 * both there; Fig. 10 for items when the document has an item profile; Figs. 12–14 per
 * attribute with experiments; the fairness trade-off when the document has the fairness
 * sweeps.
 */
export function buildFigures(document: ResultsDocument): FigureDefinition[] {
  const attributes = Object.keys(document.attributes);
  const ordered = [
    ...attributes.filter((a) => a === "gender"),
    ...attributes.filter((a) => a !== "gender"),
  ];
  const figures: FigureDefinition[] = [trainingCurvesFigure(document)];
  const first = ordered[0];
  if (first !== undefined) figures.push(factorProfileFigure(document, first));
  if (document.attributes.age !== undefined && document.attributes.gender !== undefined) {
    figures.push(ageProfileFigure(document, "age", "gender"));
  } else {
    for (const other of ordered.slice(1)) figures.push(factorProfileFigure(document, other));
  }
  if (document.items !== undefined && document.items.genres.length > 0) {
    figures.push(itemGenreProfileFigure(document.items));
  }
  const withExperiments = ordered.filter((a) => document.experiments?.attributes[a] !== undefined);
  for (const make of [archetypeScoresFigure, accuracyVsNFigure, classifiersFigure]) {
    for (const attribute of withExperiments) figures.push(make(document, attribute));
  }
  if (document.uses !== undefined && Object.keys(document.uses.fairness).length > 0) {
    figures.push(fairnessTradeoffFigure(document));
  }
  return figures;
}
