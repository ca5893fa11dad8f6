/** The HTTP methods `clerk api -X` takes (its own file: the command loads the request code lazily). */
export const API_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
