// Original file: keyfrag/v1/policy.proto


export interface DeleteAssociationResponse {
}

export interface DeleteAssociationResponse__Output {
}
