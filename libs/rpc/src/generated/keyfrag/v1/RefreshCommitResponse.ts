// Original file: keyfrag/v1/fragment.proto


export interface RefreshCommitResponse {
}

export interface RefreshCommitResponse__Output {
}
