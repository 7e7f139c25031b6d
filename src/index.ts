/**
 * deepunhide: what the hidden factors of a matrix-factorization recommender mean in
 * demographic terms (DeepUnHide, Bobadilla et al. 2021), as a library.
 *
 * The exports follow the method's order: data → PMF factors → MLN classifier → archetypes →
 * factor profile; `runPipeline` composes them all.
 */

export { type BeyondParity, beyondParity } from "./apply/beyondParity.js";
export {
  type AttributeParts,
  type ExplainOptions,
  type Explanation,
  explain,
  type FactorContribution,
  type FactorLeaning,
  type GroupPart,
} from "./apply/explain.js";
export {
  allListsExposure,
  type GroupListExposure,
  type LeaningExposure,
  type ListExposureOptions,
  leaningExposure,
  listExposure,
  type SetExposure,
} from "./apply/exposure.js";
export {
  type FairnessDocument,
  fairnessInput,
  modelFairness,
  savedRatings,
} from "./apply/fairnessInput.js";
// Archetype shift: a beyond-the-paper fairness lever (`fairness --method shift`).
export {
  archetypeDirection,
  archetypeShift,
  type GroupArchetypes,
  meanUserNorm,
  shiftedUserFactors,
} from "./apply/fairnessShift.js";
export {
  DEFAULT_FAIRNESS_CONFIG,
  FAIRNESS_METHODS,
  type FairnessConfig,
  type FairnessInput,
  type FairnessMethod,
  type FairnessRow,
  type FairnessSweep,
  fairnessSweep,
  LIST_USER_SAMPLE_SEED,
  resolveFairnessConfig,
} from "./apply/fairnessSweep.js";
export {
  checkFairnessAlpha,
  type FavouredGroup,
  fairnessWeights,
  type GroupShares,
  MAX_FAIRNESS_ALPHA,
  weightedUserVector,
} from "./apply/fairnessWeights.js";
export {
  compareGroups,
  DEFAULT_NDCG_CUTOFF,
  type GroupComparison,
  groupMeans,
  groupRmse,
  ndcgPerUser,
  predictRatings,
} from "./apply/groupAccuracy.js";
export {
  type GroupDocument,
  type GroupMethodDocument,
  groupFromModel,
} from "./apply/groupFromModel.js";
export {
  compareGroupMethods,
  type GroupMethodResult,
  type GroupQuality,
  type GroupQualityOptions,
  groupQuality,
} from "./apply/groupQuality.js";
export {
  type GroupRecommendation,
  type GroupRecommendOptions,
  groupRatedMask,
  recommendForGroup,
} from "./apply/groupRecommend.js";
export {
  type FactorPercentiles,
  factorPercentiles,
  GROUP_METHODS,
  type GroupAttribute,
  type GroupContext,
  type GroupMethod,
  virtualUser,
} from "./apply/groupVirtualUser.js";
export { DEFAULT_MIN_GROUP_RATINGS, type ItemLeaning, itemLeaning } from "./apply/itemLeaning.js";
export { SCORE_BLOCK, scoreItems, scoreItemsBlock, topItems } from "./apply/itemScores.js";
// Item-side unhiding (issue 4, paper §2.2 end): item factors against the genres.
export {
  type GenreTraitPart,
  genreWeights,
  type ItemTraits,
  itemTraits,
  traitsOfFactor,
  trustedGenres,
} from "./apply/itemTraits.js";
export { type MinorityArchetypes, minorityAuc, minorityScores } from "./apply/minorityScore.js";
// Uses of the unhidden factors (issue 4, in progress): recommend, explain, groups, minority users.
export {
  type Recommendation,
  type RecommendedItem,
  type RecommendOptions,
  ratedBy,
  recommend,
  scoreAllItems,
} from "./apply/recommend.js";
export { sharedPart } from "./apply/sharedPart.js";
export { centroidScores } from "./baselines/centroidScores.js";
export { logisticScores } from "./baselines/logisticScores.js";
export { mutualInformationScores } from "./baselines/mutualInformationScores.js";
export { fitPca, type Pca, pcaLoadingScores, projectPca } from "./baselines/pca.js";
export { randomScores } from "./baselines/randomScores.js";
// The paper's §3 evaluation: factor rankings (baselines), classifiers, experiments, report.
export type { RankingInput } from "./baselines/rankingInput.js";
export { varianceScores } from "./baselines/varianceScores.js";
// 0. Data.
export {
  type Attribute,
  createIdMap,
  type Dataset,
  type DatasetSummary,
  type GenreMatrix,
  type IdMap,
  type ItemAttributes,
  type Ratings,
  ratingCount,
  type SourceFile,
  summarizeDataset,
} from "./data/dataset.js";
export { readDelimitedUserAttributes } from "./data/delimitedAttributes.js";
export {
  DEFAULT_DELIMITED_CONFIG,
  type DelimitedDatasetConfig,
  loadDelimitedDataset,
} from "./data/delimitedRatings.js";
export {
  type DelimitedFormat,
  type DelimitedRecord,
  readDelimitedRecords,
} from "./data/delimitedRecords.js";
export {
  type DownloadableDataset,
  expectedArchiveMd5,
  type ResolveDatasetOptions,
  type ResolvedDataset,
  resolveDownloadableDataset,
  verifyArchiveMd5,
} from "./data/downloadableDataset.js";
export { GROUP_RULE_SYNTAX, parseGroupRule, parseGroupRules } from "./data/groupRuleSyntax.js";
export {
  AGE_RULE,
  ageRuleAt,
  applyGroupRule,
  type BinaryGroupRule,
  DEFAULT_GROUP_RULES,
  GENDER_RULE,
  type GroupTest,
} from "./data/groups.js";
export { keepUsers, usersWithRatings, usersWithValues } from "./data/keepUsers.js";
export {
  loadMovieLens1m,
  ML1M_AGE_BANDS,
  ML1M_DEFAULT_AGE_THRESHOLD,
  ML1M_FILES,
  ml1mAgeRule,
} from "./data/movielens1m.js";
export { loadMovieLens100k, parseMovieLens100k } from "./data/movielens100k.js";
export {
  DEFAULT_MYANIMELIST_CONFIG,
  loadMyAnimeList,
  MYANIMELIST_RATING_SCALE,
  type MyAnimeListConfig,
} from "./data/myAnimeList.js";
export { findDuplicatePair, RatingsBuilder } from "./data/ratingsBuilder.js";
export type { RatingScale } from "./data/ratingValue.js";
export {
  ML1M_ARCHIVE_MD5,
  ML1M_URL,
  resolveMovieLens1m,
} from "./data/resolveMovieLens1m.js";
export {
  ML100K_URL,
  type ResolvedMovieLens100k,
  type ResolveMovieLens100kOptions,
  resolveMovieLens100k,
} from "./data/resolveMovieLens100k.js";
export { type ColumnRef, detectDelimiter, detectHeader } from "./data/sniffDelimited.js";
export { generateSynthetic, type SyntheticTruth } from "./data/synthetic.js";
export {
  DEFAULT_SYNTHETIC_CONFIG,
  SYNTHETIC_PRESETS,
  type SyntheticConfig,
  type SyntheticPreset,
} from "./data/syntheticConfig.js";
// Errors.
export {
  ConfigError,
  DataFormatError,
  DeepUnhideError,
  DownloadError,
  type FileLocation,
  ModelFormatError,
  RequestError,
  TrainingError,
} from "./errors.js";
export type { BinaryClassifier, ClassifierData } from "./evaluate/classifiers/binaryClassifier.js";
export {
  type ClassifiersConfig,
  createClassifiers,
} from "./evaluate/classifiers/createClassifiers.js";
export {
  DEFAULT_LOGISTIC_CONFIG,
  fitLogisticRegression,
  type LogisticConfig,
  type LogisticModel,
  predictLogistic,
} from "./evaluate/classifiers/logisticRegression.js";
export {
  DEFAULT_RANDOM_FOREST_CONFIG,
  fitRandomForest,
  predictRandomForest,
} from "./evaluate/classifiers/randomForest.js";
export { runE1 } from "./evaluate/experiments/e1.js";
export { runE4 } from "./evaluate/experiments/e4.js";
// Issue 7: stable unhiding (relevancy variants, their ensembles, stability across classifier seeds).
export {
  DEFAULT_EXPERIMENT_CONFIG,
  ENSEMBLE_SAMPLINGS,
  type EnsembleSampling,
  type ExperimentConfig,
  QUICK_EXPERIMENT_CONFIG,
} from "./evaluate/experiments/experimentConfig.js";
export { type ExperimentsRun, runExperiments } from "./evaluate/experiments/runExperiments.js";
export { jaccard, runStability } from "./evaluate/experiments/stability.js";
export * from "./evaluate/experiments/types.js";
export {
  accuracy,
  type BinaryClassificationReport,
  balancedAccuracy,
  binaryClassificationReport,
  majorityFloor,
  rocAuc,
} from "./evaluate/metrics.js";
export { checkSelection, type SelectionCheck } from "./evaluate/selectionCheck.js";
export { spearman } from "./evaluate/spearman.js";
export { type SplitReports, splitReports } from "./evaluate/splitReports.js";
export { pairedComparison, studentTQuantile, summarizeSeeds } from "./evaluate/statistics.js";
export {
  capUserSplit,
  jointLabelStrata,
  stratifiedSplit,
  stratifiedSubsample,
  type UserSplit,
} from "./evaluate/stratifiedSplit.js";
// Factors from elsewhere: import (CSV, .npy/.npz, Spark ALSModel) and export.
export { exportFactors, type FactorsWithIds, factorFiles } from "./io/exportFactors.js";
export { formatFactorsCsv, parseFactorsCsv } from "./io/factorsCsv.js";
export {
  FACTOR_FORMATS,
  type FactorFormat,
  type FactorSide,
  type ImportedFactors,
} from "./io/importedFactors.js";
export {
  FACTOR_FILE_NAMES,
  type ImportedFactorsFile,
  type ImportFactorsOptions,
  importFactors,
} from "./io/importFactors.js";
export type { SavedGenreProfile, SavedItemProfile } from "./io/modelFolder.js";
export {
  type HeldOutData,
  type LoadedModel,
  loadModelFolder,
  modelFromPipeline,
  writeModelFolder,
} from "./io/modelFolder.js";
export { decodeNpy, encodeNpy } from "./io/npy.js";
export {
  decodeFactorMatrix,
  encodeNpz,
  NPZ_ITEM_KEY,
  NPZ_USER_KEY,
  parseFactorsNpz,
  readNpzEntries,
} from "./io/npz.js";
export {
  readSparkAlsModel,
  SPARK_ALS_MODEL_CLASS,
  sparkAlsModelFiles,
} from "./io/sparkAlsModel.js";
// 1. Matrix factorization (PMF).
export type { FactorModel } from "./mf/factorModel.js";
export { globalMean, globalMeanRmse, predictRating, rmse } from "./mf/metrics.js";
export {
  DEFAULT_PMF_CONFIG,
  fitPmf,
  type PmfConfig,
  type PmfKernel,
  type PmfModel,
  resolvePmfConfig,
} from "./mf/pmf.js";
export { type RatingSplit, splitRatings } from "./mf/splitRatings.js";
export { wasmPmfAvailable } from "./mf/wasmSgd.js";
// 2. The MLN demographic classifier.
export {
  type ClassifierConfig,
  DEFAULT_CLASSIFIER_CONFIG,
  type EpochRecord,
  type FitClassifierResult,
  fitClassifier,
} from "./nn/fitClassifier.js";
export { logitInputGradient, type Mlp, predictProba, predictRows, sigmoid } from "./nn/mlp.js";
export {
  type AlignedFactors,
  type AlignFactorsOptions,
  alignImportedFactors,
  type FactorAlignment,
  type FactorSource,
  type SideAlignment,
} from "./pipeline/alignImportedFactors.js";
export { type ContinueOptions, continueFromFactors } from "./pipeline/continueFromFactors.js";
export {
  DEFAULT_AGE_THRESHOLD,
  datasetGroupRules,
  type GroupRuleOptions,
} from "./pipeline/datasetGroupRules.js";
export { loadNamedDataset } from "./pipeline/loadNamedDataset.js";
export type { ProgressEvent, ProgressSink } from "./pipeline/progress.js";
export {
  DEFAULT_RUN_CONFIG,
  QUICK_RELEVANCY_MAX_USERS,
  RELEVANCY_METHODS,
  type RelevancyMethod,
  type RunConfig,
} from "./pipeline/runConfig.js";
export type { HeldOutResult, PipelineFactors, PipelineInputs } from "./pipeline/runPipeline.js";
// The whole run, its documents and the model folder.
export { type PipelineResult, runPipeline } from "./pipeline/runPipeline.js";
export { EXAMPLE_GROUP_SIZE, runUses, type UsesDocument } from "./pipeline/runUses.js";
export {
  type UnhiddenAttribute,
  type UnhiddenFactors,
  type UnhideInput,
  unhideFactors,
} from "./pipeline/unhideFactors.js";
export { itemGenreProfileFigure } from "./report/figItemGenreProfile.js";
export { buildFigures } from "./report/figures.js";
export {
  type GenreDocument,
  type ItemProfileDocument,
  itemProfileDocument,
} from "./report/itemProfileDocument.js";
export { renderPng } from "./report/renderPng.js";
export { renderSvg } from "./report/renderSvg.js";
export { buildReportHtml } from "./report/reportHtml.js";
export { buildResultsDocument, type ResultsDocument } from "./report/resultsDocument.js";
export { formatSummary } from "./report/summaryText.js";
export { computeVerdict, type ReportVerdict } from "./report/verdict.js";
export { writeReport } from "./report/writeReport.js";
// The explorer: `deepunhide serve` (issue 6).
export { type ExplorerModel, loadExplorerModel } from "./serve/explorerModel.js";
export {
  createExplorerHandler,
  type RunningExplorer,
  startExplorer,
} from "./serve/explorerServer.js";
export {
  FAIRNESS_CURVE_ALPHAS,
  FAIRNESS_TOP,
  FairnessMeter,
  type FairnessPoint,
  type FairnessSummary,
  MIN_RATERS,
  type RaterLeaning,
  raterLeaning,
} from "./serve/fairnessExposure.js";
export {
  DEFAULT_SERVE_CONFIG,
  isLoopbackHost,
  resolveServeConfig,
  type ServeConfig,
} from "./serve/serveConfig.js";
export { archetypeWarnings } from "./unhide/archetypeWarnings.js";
export {
  balancedBootstrapRows,
  bootstrapRows,
  type EnsembleRelevancy,
  ensembleRelevancy,
  meanRankRelevancy,
} from "./unhide/ensembleRelevancy.js";
export { type GenreCount, genreEligibility, rarestGenreStrata } from "./unhide/genreEligibility.js";
export { type FactorGenre, type FactorGenres, genresByFactor } from "./unhide/genresByFactor.js";
export { gradientRelevancy } from "./unhide/gradientRelevancy.js";
export { groupProportions } from "./unhide/groupProportions.js";
export {
  type GroupContrastInput,
  groupContrastAttribution,
  groupContrastRelevancy,
  integratedGradients,
} from "./unhide/integratedGradients.js";
export {
  DEFAULT_ITEM_PROFILE_CONFIG,
  type ItemProfileConfig,
  resolveItemProfileConfig,
} from "./unhide/itemProfileConfig.js";
// 3. Localization of the archetypes.
export {
  DEFAULT_LOCALIZATION_CONFIG,
  KERAS_SNIPPET,
  type LocalizationConfig,
  type LocalizationMethod,
} from "./unhide/localizationConfig.js";
export {
  type Archetype,
  localizeArchetype,
  localizeArchetypes,
} from "./unhide/localizeArchetype.js";
export { normalizeMinMax } from "./unhide/normalizeArchetype.js";
export {
  DEFAULT_PENALIZED_LOCALIZATION_CONFIG,
  localizePenalizedArchetypes,
  type PenalizedArchetype,
  type PenalizedLocalizationConfig,
  type PenalizedPopulation,
  type PenalizedStart,
  penalizedObjective,
  penalizedRelevancy,
  resolvePenalizedLocalizationConfig,
} from "./unhide/penalizedArchetype.js";
export { perGroupRanking } from "./unhide/perGroupRanking.js";
// 4. The factor profile.
export { buildFactorProfile, type FactorProfile, withRelevancy } from "./unhide/profile.js";
export { relevancy } from "./unhide/relevancy.js";
export { scaledArchetypeRelevancy } from "./unhide/scaledRelevancy.js";
export { selectByThreshold, selectTopN, selectTopNPerGroup } from "./unhide/selectFactors.js";
export {
  type GenreProfile,
  type ItemFactorsInput,
  type ItemProfile,
  unhideItemFactors,
} from "./unhide/unhideItemFactors.js";
// Randomness.
export { createRng, permutation, type Rng, shuffleInPlace } from "./util/rng.js";
