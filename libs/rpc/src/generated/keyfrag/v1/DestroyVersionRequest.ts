// Original file: keyfrag/v1/secrets.proto


export interface DestroyVersionRequest {
  'name'?: (string);
  'version'?: (number);
}

export interface DestroyVersionRequest__Output {
  'name': (string);
  'version': (number);
}
