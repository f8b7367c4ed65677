// Original file: keyfrag/v1/audit.proto


export interface DeleteForwarderRequest {
  'name'?: (string);
}

export interface DeleteForwarderRequest__Output {
  'name': (string);
}
