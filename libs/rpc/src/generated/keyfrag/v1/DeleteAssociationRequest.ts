// Original file: keyfrag/v1/policy.proto


export interface DeleteAssociationRequest {
  'id'?: (string);
}

export interface DeleteAssociationRequest__Output {
  'id': (string);
}
