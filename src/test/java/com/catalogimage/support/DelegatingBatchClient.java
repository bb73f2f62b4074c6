package com.catalogimage.support;

import java.nio.file.Path;
import java.util.List;

import com.catalogimage.provider.BatchImageClient;
import com.catalogimage.provider.BatchInput;
import com.catalogimage.provider.BatchItem;
import com.catalogimage.provider.BatchLimits;
import com.catalogimage.provider.BatchResultHandler;
import com.catalogimage.provider.BatchStatus;
import com.catalogimage.provider.BatchSupport;
import com.catalogimage.provider.ResultSource;

/** Passes every call to a real batch client; a test overrides the calls it wants to disturb. */
public class DelegatingBatchClient implements BatchImageClient {

	private final BatchImageClient client;

	public DelegatingBatchClient(BatchImageClient client) {
		this.client = client;
	}

	@Override
	public BatchSupport support(String model) {
		return this.client.support(model);
	}

	@Override
	public BatchInput writeInput(List<BatchItem> items, Path workDirectory) {
		return this.client.writeInput(items, workDirectory);
	}

	@Override
	public BatchLimits limits() {
		return this.client.limits();
	}

	@Override
	public String upload(BatchInput input, String displayName) {
		return this.client.upload(input, displayName);
	}

	@Override
	public BatchStatus create(String model, String inputFile, String displayName) {
		return this.client.create(model, inputFile, displayName);
	}

	@Override
	public BatchStatus get(String batchId) {
		return this.client.get(batchId);
	}

	@Override
	public List<BatchStatus> findByDisplayName(String displayName) {
		return this.client.findByDisplayName(displayName);
	}

	@Override
	public BatchStatus cancel(String batchId) {
		return this.client.cancel(batchId);
	}

	@Override
	public void readResults(ResultSource source, long fromIndex, Path workDirectory, BatchResultHandler handler) {
		this.client.readResults(source, fromIndex, workDirectory, handler);
	}

}
