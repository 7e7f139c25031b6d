/**
 * The shape every matrix-factorization model shares, whoever trained it (our PMF, or factors
 * imported from another toolkit): a user matrix P and an item matrix Q, so that the predicted
 * rating of user u for item i is p_u · q_i.
 */

/** User and item latent factors, row-major with stride `k`. */
export interface FactorModel {
  /** Number of latent factors per user and per item. */
  readonly k: number;
  /** Number of users (rows of P). */
  readonly userCount: number;
  /** Number of items (rows of Q). */
  readonly itemCount: number;
  /** P: `userFactors[u * k + j]` is factor j of user u (userCount × k). */
  readonly userFactors: Float32Array;
  /** Q: `itemFactors[i * k + j]` is factor j of item i (itemCount × k). */
  readonly itemFactors: Float32Array;
}
