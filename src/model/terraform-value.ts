// Terraform attribute values as every Terraform-flavoured reader and `haspec fix` hold them: literals, unknowns, references.

/** A value the input cannot give: `(known after apply)`, an unresolvable expression, a missing variable… */
export class TfUnknown {
  constructor(
    /** Why, in words a user can act on, quoting the expression where there is one. */
    readonly reason: string,
  ) {}
}

/** A reference to another resource's attribute (`aws_rds_cluster.main.id`), resolved by the model builder. */
export class TfReference {
  constructor(
    /** The referenced resource's address, e.g. `aws_rds_cluster.main` or `module.db.aws_rds_cluster.this[0]`. */
    readonly address: string,
    /** The attribute referenced, e.g. `id`, `endpoint`, `cluster_identifier`. */
    readonly attribute: string,
  ) {}
}

export type TfValue =
  | string
  | number
  | boolean
  | null
  | TfUnknown
  | TfReference
  | readonly TfValue[]
  | { readonly [key: string]: TfValue };
