// B12Bot on Azure: an Azure Bot (Teams channel, optional Direct Line), a Linux App Service running .NET 10,
// a storage account for conversation state that forgets after 30 days, and a Key Vault for the secrets.
// Deploy into a resource group: see README.md beside this file.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------

@description('Region for the App Service, storage, Key Vault and identity. The Azure Bot itself is global.')
param location string = resourceGroup().location

@description('Short prefix for resource names (lower-case letters, digits and dashes).')
@minLength(3)
@maxLength(12)
param baseName string = 'b12bot'

@description('Name of the web app; it becomes https://<appName>.azurewebsites.net. Must be unique in Azure.')
@minLength(4)
@maxLength(42)
param appName string = '${baseName}-${uniqueString(resourceGroup().id)}'

@description('Name (handle) of the Azure Bot resource. Must be unique in Azure.')
@minLength(4)
@maxLength(42)
param botName string = appName

@description('How the bot proves who it is. UserAssignedMSI: a managed identity created here, no secret. SingleTenant: an Entra app registration in your tenant, with a client secret. New MultiTenant bots can no longer be created, so that value is not offered.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param microsoftAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the application (client) id of the app registration. Ignored for UserAssignedMSI, where the identity\'s client id is used.')
param microsoftAppId string = ''

@description('SingleTenant only: a client secret of that app registration. Stored in Key Vault, never in the app settings.')
@secure()
param microsoftAppPassword string = ''

@description('The Entra tenant of the app registration or managed identity.')
param microsoftAppTenantId string = tenant().tenantId

@description('Azure Bot pricing tier. F0 is free (standard channels such as Teams and Direct Line are free in both; F0 limits premium-channel messages).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan tier (Linux). F1 is free but has no Always On, so the first message after idle time is slow; B1 or higher keeps the app warm.')
@allowed([
  'F1'
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'B1'

@description('Instances of the web app. With more than one, the self-hosted Direct Line keeps its conversations in Azure Cache for Redis (created here), so any instance serves any chat without sticky sessions; set directLineTokenSigningKey too.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Cache for Redis tier, used only when instanceCount is more than 1. Standard keeps a replica; Basic has none (a restart of the cache ends the chats in progress).')
@allowed([
  'Basic'
  'Standard'
])
param redisSkuName string = 'Standard'

@description('Also switch on Azure\'s own Direct Line channel (for Web Chat via Azure). The bot\'s self-hosted Direct Line works without it.')
param enableAzureDirectLine bool = false

@description('Origins allowed to use Azure\'s Direct Line channel (only with enableAzureDirectLine), e.g. https://www.apotheek.example.')
param azureDirectLineTrustedOrigins array = []

@description('Blob container for bot state.')
@minLength(3)
@maxLength(63)
param stateContainerName string = 'b12bot-state'

@description('Days after its last change that a state blob is deleted by the storage lifecycle rule (privacy: the bot keeps no conversation longer).')
@minValue(1)
@maxValue(365)
param stateRetentionDays int = 30

@description('Optional: the public URL of the source article; citation links point to it. Empty keeps the URL in knowledge/faq.json.')
param articleUrl string = ''

@description('Optional: secret that protects the self-hosted Direct Line token endpoint (used by the pharmacy website\'s Web Chat). Stored in Key Vault.')
@secure()
param directLineSecret string = ''

@description('Optional: key that signs the self-hosted Direct Line tokens. Stored in Key Vault.')
@secure()
param directLineTokenSigningKey string = ''

@description('Optional: web origins allowed to call the self-hosted Direct Line (CORS), e.g. https://www.apotheek.example.')
param directLineAllowedOrigins array = []

@description('Tags for every resource.')
param tags object = {
  app: 'b12bot'
}

// ---------------------------------------------------------------------------------------------------------
// Names and derived values
// ---------------------------------------------------------------------------------------------------------

var isManagedIdentityBot = microsoftAppType == 'UserAssignedMSI'
var suffix = uniqueString(resourceGroup().id)
var compactBaseName = toLower(replace(baseName, '-', ''))
var storageAccountName = take('st${compactBaseName}${suffix}', 24)
var keyVaultName = take('kv-${compactBaseName}-${suffix}', 24)
var identityName = 'id-${baseName}'
var planName = 'plan-${baseName}'

// Always On is not available on the Free (and Shared) tiers.
var alwaysOn = !contains([
  'F1'
  'D1'
], appServiceSku)

// Secret names in Key Vault. App settings refer to them by name, so they always read the latest version.
var storageConnectionSecretName = 'storage-connection-string'
var appPasswordSecretName = 'microsoft-app-password'
var directLineSecretName = 'directline-secret'
var directLineSigningKeyName = 'directline-token-signing-key'
var directLineRedisSecretName = 'directline-redis-configuration'

// More than one instance: the self-hosted Direct Line shares its conversations through Redis.
var useRedis = instanceCount > 1
var redisName = 'redis-${baseName}-${suffix}'

// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// An App Service Key Vault reference; the app setting then holds the secret's value at run time.
// (A Bicep function sees only its own arguments, hence the vault name as one.)
func keyVaultReference(vaultName string, secretName string) string => '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

// ---------------------------------------------------------------------------------------------------------
// Identity: the web app reads Key Vault with it and, for UserAssignedMSI, the bot signs in with it.
// ---------------------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

var botAppId = isManagedIdentityBot ? identity.properties.clientId : microsoftAppId

// ---------------------------------------------------------------------------------------------------------
// Storage for bot state
// ---------------------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The bot's blob store connects with a connection string (account key), so shared keys stay allowed.
    allowSharedKeyAccess: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // When a conversation is forgotten ("vergeet mij", expiry), it must really be gone: no soft delete, no versions.
    deleteRetentionPolicy: {
      enabled: false
    }
    isVersioningEnabled: false
    containerDeleteRetentionPolicy: {
      enabled: false
    }
  }
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

// A backstop for the app's own expiry: whatever the app did not delete, storage deletes after the retention.
resource stateLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-bot-state-after-${stateRetentionDays}-days'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${stateContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: stateRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    stateContainer
  ]
}

// ---------------------------------------------------------------------------------------------------------
// Key Vault for the secrets; the app settings only hold references to them.
// ---------------------------------------------------------------------------------------------------------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource storageConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: storageConnectionSecretName
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!isManagedIdentityBot) {
  parent: vault
  name: appPasswordSecretName
  properties: {
    value: microsoftAppPassword
  }
}

resource directLineSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(directLineSecret)) {
  parent: vault
  name: directLineSecretName
  properties: {
    value: directLineSecret
  }
}

resource directLineSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(directLineTokenSigningKey)) {
  parent: vault
  name: directLineSigningKeyName
  properties: {
    value: directLineTokenSigningKey
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------------
// App Service: Linux, .NET 10
// ---------------------------------------------------------------------------------------------------------

// Azure Cache for Redis for the self-hosted Direct Line on several instances: TLS only, keys in Key Vault.
resource redis 'Microsoft.Cache/redis@2024-11-01' = if (useRedis) {
  name: redisName
  location: location
  tags: tags
  properties: {
    sku: {
      name: redisSkuName
      family: 'C'
      capacity: 0
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisConfiguration: {
      // Every Direct Line key has a TTL: under memory pressure the soonest to expire go first.
      'maxmemory-policy': 'volatile-ttl'
    }
  }
}

resource directLineRedisSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useRedis) {
  parent: vault
  name: directLineRedisSecretName
  properties: {
    value: useRedis ? '${redis!.properties.hostName}:${redis!.properties.sslPort},password=${redis!.listKeys().primaryKey},ssl=True,abortConnect=False' : ''
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var baseSettings = [
  {
    name: 'MicrosoftAppType'
    value: microsoftAppType
  }
  {
    name: 'MicrosoftAppId'
    value: botAppId
  }
  {
    name: 'MicrosoftAppTenantId'
    value: microsoftAppTenantId
  }
  {
    name: 'Storage__Kind'
    value: 'AzureBlobs'
  }
  {
    name: 'Storage__AzureBlobs__ContainerName'
    value: stateContainerName
  }
  {
    name: 'Storage__AzureBlobs__ConnectionString'
    value: keyVaultReference(keyVaultName, storageConnectionSecretName)
  }
  {
    name: 'Storage__ConversationTtl'
    value: '${stateRetentionDays}.00:00:00'
  }
]

var passwordSettings = isManagedIdentityBot ? [] : [
  {
    name: 'MicrosoftAppPassword'
    value: keyVaultReference(keyVaultName, appPasswordSecretName)
  }
]

var articleSettings = empty(articleUrl) ? [] : [
  {
    name: 'Knowledge__ArticleUrl'
    value: articleUrl
  }
]

var directLineSecretSettings = empty(directLineSecret) ? [] : [
  {
    name: 'DirectLine__Secret'
    value: keyVaultReference(keyVaultName, directLineSecretName)
  }
]

var directLineSigningSettings = empty(directLineTokenSigningKey) ? [] : [
  {
    name: 'DirectLine__TokenSigningKey'
    value: keyVaultReference(keyVaultName, directLineSigningKeyName)
  }
]

var directLineRedisSettings = useRedis ? [
  {
    name: 'DirectLine__Store'
    value: 'Redis'
  }
  {
    name: 'DirectLine__Redis__Configuration'
    value: keyVaultReference(keyVaultName, directLineRedisSecretName)
  }
] : []

var directLineOriginSettings = [
  for (origin, index) in directLineAllowedOrigins: {
    name: 'DirectLine__AllowedOrigins__${index}'
    value: origin
  }
]

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references are resolved with the user-assigned identity (there is no system identity).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: alwaysOn
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      webSocketsEnabled: true
      appSettings: concat(baseSettings, passwordSettings, articleSettings, directLineSecretSettings, directLineSigningSettings, directLineRedisSettings, directLineOriginSettings)
    }
  }
  dependsOn: [
    // The app resolves its Key Vault references at start-up: the secrets and the right to read them come first.
    vaultSecretsUser
    storageConnectionSecret
    appPasswordSecret
    directLineSecretSecret
    directLineSigningKeySecret
    directLineRedisSecret
  ]
}

// ---------------------------------------------------------------------------------------------------------
// Azure Bot and its channels
// ---------------------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'B12Bot'
    description: 'Beantwoordt vragen over een laag vitamine B12-gehalte uit één artikel, met bronvermelding.'
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: microsoftAppType
    msaAppId: botAppId
    msaAppTenantId: microsoftAppTenantId
    msaAppMSIResourceId: isManagedIdentityBot ? identity.id : ''
    publicNetworkAccess: 'Enabled'
    isStreamingSupported: false
    schemaTransformationVersion: '1.3'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
      acceptedTerms: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

resource azureDirectLine 'Microsoft.BotService/botServices/channels@2022-09-15' = if (enableAzureDirectLine) {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Apotheekwebsite'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: !empty(azureDirectLineTrustedOrigins)
          trustedOrigins: azureDirectLineTrustedOrigins
          isBlockUserUploadEnabled: true
          isWebchatPreviewEnabled: false
        }
      ]
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------------

output webAppName string = webApp.name
output webAppUrl string = 'https://${webApp.properties.defaultHostName}'
output messagingEndpoint string = 'https://${webApp.properties.defaultHostName}/api/messages'
output botName string = bot.name
output microsoftAppId string = botAppId
output microsoftAppType string = microsoftAppType
output storageAccountName string = storage.name
output stateContainerName string = stateContainer.name
output keyVaultName string = vault.name
output identityClientId string = identity.properties.clientId
output directLineStore string = useRedis ? 'Redis' : 'Memory'
