// Acceleratorn in Azure: one resource group, every name from one base name, no keys and no secrets anywhere.
//
//   user-assigned managed identity ── the app's only identity: the bot (UserAssignedMSI), Cosmos DB, Graph
//   App Service plan (Linux) + web app ── Node 22 LTS, HTTPS only, TLS 1.2+, FTP off, health check /healthz
//   Azure Bot + Teams channel ── messaging endpoint https://<app>/api/messages
//   Cosmos DB for NoSQL, serverless ── local (key) auth off; Built-in Data Contributor for the identity
//   Log Analytics + Application Insights ── requests, dependencies and the app's logs
//
// Deployed by `atk provision` (m365agents.yml, parameters from infra/main.parameters.json) or by
// `az deployment group create` (docs/deploy.md). The app settings below are exactly the variables src/config.ts
// needs in production (test/infra/bicep.test.ts checks both directions).

targetScope = 'resourceGroup'

@minLength(3)
@maxLength(20)
@description('Lowercase letters, digits and hyphens; every resource is named from it, and the web app\'s host name is <baseName>.azurewebsites.net (unique in Azure).')
param baseName string

@description('Azure region of everything but the bot (which is global). Default: the resource group\'s.')
param location string = resourceGroup().location

@allowed([
  'B1'
  'B2'
  'P0v3'
  'P1v3'
])
@description('App Service plan: B1 is enough for the programme (docs/deploy.md, costs); P0v3 for more memory and zone redundancy later.')
param appServiceSku string = 'B1'

@minValue(1)
@maxValue(3)
@description('App Service instances (B1 and B2 allow at most 3). Two or more keep the bot answering while one restarts; the outbox sends from one instance at a time (a lease in Cosmos DB), so the total send rate stays under Teams\' per-app limit whatever this is.')
param instanceCount int = 2

@description('The Teams app\'s id (the manifest\'s id): the tab\'s deep links. Written by teamsApp/create.')
param teamsAppId string

@description('The client id of the tab\'s app registration (Teams SSO and nested app authentication). Written by aadApp/create.')
param tabAppId string

@description('Comma-separated Entra tenant ids served; every other tenant gets no reply. Default: this subscription\'s tenant.')
param allowedTenantIds string = tenant().tenantId

@description('Comma-separated Entra object ids of the first coordinators (written once, when no programme settings exist). Coordinators then set HR contacts, the steering group and further coordinators with the bot commands "hr", "styrgrupp" and "samordnare".')
param coordinatorIds string = ''

@description('The first HR contact per municipality, Municipality=object-id pairs separated by semicolons. Later changed with the bot command "hr".')
param hrContacts string = ''

@allowed([
  'companyName'
  'officeLocation'
  'department'
])
@description('Which Entra user property names the employee\'s municipality.')
param graphMunicipalityFrom string = 'companyName'

@description('Comma-separated employeeType values that mean permanent employment (tillsvidareanställning).')
param graphPermanentEmployeeTypes string = 'Tillsvidareanställd,Tillsvidare,Permanent,Employee'

@maxLength(42)
@description('The bot\'s name in the Azure portal.')
param botDisplayName string = 'Acceleratorn'

@description('The Cosmos DB database name.')
param cosmosDatabaseName string = 'acceleratorn'

@minValue(30)
@maxValue(730)
@description('Days the logs and telemetry are kept in Log Analytics (the first 31 cost nothing extra).')
param logRetentionDays int = 30

var names = {
  identity: '${baseName}-id'
  plan: '${baseName}-plan'
  app: baseName
  bot: '${baseName}-bot'
  cosmos: '${baseName}-cosmos'
  logs: '${baseName}-logs'
  insights: '${baseName}-insights'
}

// The partition keys of docs/decisions/0002-cosmos-containers.md and the indexes the queries need; the same
// definitions as src/adapters/cosmos/containers.ts (test/infra/bicep.test.ts keeps them equal).
var containers = loadJsonContent('cosmos-containers.json')

// Cosmos DB Built-in Data Contributor (data plane: read and write items; no keys, no account management).
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: logRetentionDays
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: names.cosmos
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // Entra ID only: no account keys exist for anyone to leak, and nothing can change the schema with a key.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
  }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.id
    properties: {
      resource: {
        id: container.id
        partitionKey: {
          paths: [
            container.partitionKey
          ]
          kind: 'Hash'
        }
        indexingPolicy: container.indexingPolicy
        // -1: time to live on, nothing expires unless the item says so (delivered messages, conversation state; ADR 0018).
        defaultTtl: container.?defaultTtl
      }
    }
  }
]

// The app reads and writes items as its identity: the only access to the data there is.
resource cosmosRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: names.app
  location: location
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
    // Every instance serves every request: the state is in Cosmos DB, not in an instance.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      webSocketsEnabled: false
    }
  }
}

// No FTP user names and passwords (deployments sign in with Entra ID).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

// Exactly the variables src/config.ts needs in production; no key, password or secret among them.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    NODE_ENV: 'production'
    MICROSOFT_APP_TYPE: 'UserAssignedMSI'
    MICROSOFT_APP_ID: identity.properties.clientId
    MICROSOFT_APP_TENANT_ID: identity.properties.tenantId
    ALLOWED_TENANT_IDS: allowedTenantIds
    COSMOS_ENDPOINT: cosmos.properties.documentEndpoint
    COSMOS_DATABASE: cosmosDatabaseName
    DIRECTORY: 'graph'
    GRAPH_MUNICIPALITY_FROM: graphMunicipalityFrom
    GRAPH_PERMANENT_EMPLOYEE_TYPES: graphPermanentEmployeeTypes
    COORDINATOR_IDS: coordinatorIds
    HR_CONTACTS: hrContacts
    TAB_ENABLED: 'true'
    TAB_APP_ID: tabAppId
    TAB_APP_ID_URI: 'api://${app.properties.defaultHostName}/${tabAppId}'
    TEAMS_APP_ID: teamsAppId
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    LOG_LEVEL: 'info'
  }
  dependsOn: [
    cosmosRole
    cosmosContainers
  ]
}

// The app's console (its JSON log lines), HTTP and platform logs to the workspace.
resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: app
  name: 'to-log-analytics'
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: {
    // Teams is a standard channel: free on F0.
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    disableLocalAuth: true
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
      acceptedTerms: true
    }
  }
}

// Written to env/.env.<environment> by the Agents Toolkit; none is a secret.
output AZURE_APP_SERVICE_RESOURCE_ID string = app.id
output BOT_DOMAIN string = app.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${app.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
