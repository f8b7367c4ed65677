// Original file: keyfrag/v1/secrets.proto


export interface AddKeyVersionRequest {
  'name'?: (string);
  'version'?: (number);
}

export interface AddKeyVersionRequest__Output {
  'name': (string);
  'version': (number);
}
