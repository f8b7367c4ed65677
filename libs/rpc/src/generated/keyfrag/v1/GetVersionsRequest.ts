// Original file: keyfrag/v1/secrets.proto


export interface GetVersionsRequest {
  'names'?: (string)[];
  'version'?: (number);
}

export interface GetVersionsRequest__Output {
  'names': (string)[];
  'version': (number);
}
