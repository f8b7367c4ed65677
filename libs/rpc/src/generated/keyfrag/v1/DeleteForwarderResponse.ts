// Original file: keyfrag/v1/audit.proto


export interface DeleteForwarderResponse {
}

export interface DeleteForwarderResponse__Output {
}
