// What the source adapters are given: the working directory, Terraform variables, and the options of the live AWS scan.

/** Options of the live AWS scan (`--source aws`, `haspec snapshot`). */
export interface LiveScanOptions {
  /** Region names, or ["all"] for every enabled region; empty = the profile's default region. */
  readonly regions: readonly string[];
  readonly profile?: string;
  /** Roles to assume, one account each; empty = the caller's own account only. */
  readonly roleArns: readonly string[];
  /** Overrides every service endpoint (LocalStack, moto); AWS_ENDPOINT_URL* variables also work. */
  readonly endpointUrl?: string;
  /** Secrets Manager secret with {username, password} for the read-only SQL check of binlog retention. */
  readonly dbSecretArn?: string;
  /** Where progress goes; nothing is written when undefined. */
  readonly progress?: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  /** The clock, for the capture time. */
  readonly now: () => Date;
  /**
   * Whether to read the application tier (Auto Scaling, EC2 instances, load balancers, alarms; SPEC §9). Default true;
   * `check` turns it off when no policy target judges those kinds (a database policy needs no EC2 or ELB permission).
   */
  readonly applicationTier?: boolean;
}

export interface SourceOptions {
  readonly cwd: string;
  /** `.tf` inputs: `-var-file` files, in order (later wins), besides the automatic *.auto.tfvars / terraform.tfvars. */
  readonly varFiles: readonly string[];
  /** `.tf` inputs: `-var name=value` assignments (win over files). */
  readonly vars: Readonly<Record<string, string>>;
  /** `.tf` inputs: the environment, for `TF_VAR_name` values (the lowest precedence, as in Terraform). */
  readonly env?: NodeJS.ProcessEnv;
  readonly live: LiveScanOptions;
}
